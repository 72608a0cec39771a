import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createQuireClient, type QuireClient } from "@quire/client";
import type { RenderResponse } from "@quire/core";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type QuireRun, runQuire } from "./run-quire.js";

/**
 * Partials pushed as components: the real `quire` in a child process against a real server.
 * `prompts/dir/_name.prompt` is the component `dir/name`; prompts that include it render on the
 * server as they render locally.
 */
let root: string;
let project: string;
let server: RunningServer;
let client: QuireClient;

function quire(args: string[]): Promise<QuireRun> {
  return runQuire(args, { cwd: project, env: { QUIRE_URL: server.url } });
}

function write(relative: string, text: string): void {
  const file = path.join(project, "prompts", ...relative.split("/"));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "quire-cli-components-"));
  project = path.join(root, "project");
  mkdirSync(project);
  writeFileSync(path.join(project, "quire.toml"), '[project]\npromptsDir = "prompts"\n');
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(project, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
  const apiKey = readFileSync(path.join(project, ".quire", "admin.key"), "utf8").trim();
  client = createQuireClient({ baseUrl: server.url, apiKey });

  write("_tone.prompt", "Stay calm with {{customer}}.\n");
  write("support/_footer.prompt", "---\nlabels: [production]\n---\n-- {{signature}}\n");
  write("support/_sign-off.prompt", "Thanks!\n{{> support/footer@production signature=team}}\n");
  write(
    "support/reply.prompt",
    "---\ndescription: Answers a ticket\n---\n{{> tone}}\nAnswer: {{answer}}\n{{> support/sign-off}}\n",
  );
  write("jinja/_intro.prompt", "Hello {{ name }}.\n");
  write("jinja/ask.prompt", "---\nengine: jinja2\n---\n{{> jinja/intro}}\nQ: {{ question }}\n");
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("pushing partials as components", () => {
  test("push sends the partials first, as components, then the prompts that include them", async () => {
    const run = await quire(["push", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const outcomes = JSON.parse(run.stdout) as { name: string; kind: string; status: string }[];
    expect(outcomes.map(({ name, kind, status }) => `${kind} ${name} ${status}`)).toEqual([
      "component tone created",
      "component jinja/intro created",
      "component support/footer created",
      "component support/sign-off created",
      "prompt jinja/ask created",
      "prompt support/reply created",
    ]);
    const intro = await client.getPrompt("jinja/intro", { label: "latest" });
    expect(intro.version.engine).toBe("jinja2");
    expect(intro.version.template).toBe("Hello {{ name }}.");
    expect((await client.getPrompt("support/footer")).prompt.labels).toEqual({ production: 1 });

    const again = await quire(["push"]);
    expect(again.stdout).toContain("0 created, 6 unchanged (4 of them components)");
    const usedBy = await client.usedBy("support/footer");
    expect(usedBy.items.map((item) => `${item.prompt} ${item.reference}`)).toEqual([
      "support/sign-off support/footer@production",
    ]);
  });

  test("a prompt renders on the server as it renders locally", async () => {
    const variables = { customer: "Ann", answer: "It ships today.", team: "The team" };
    const served = await client.render("support/reply", { label: "latest", variables });
    expect(served.text).toBe("Stay calm with Ann.\nAnswer: It ships today.\nThanks!\n-- The team");
    expect(served.provenance.components.map((component) => component.reference)).toEqual([
      "tone",
      "support/sign-off",
      "support/footer@production",
    ]);
    const local = await quire([
      "render",
      "prompts/support/reply.prompt",
      "--data",
      JSON.stringify(variables),
      "--json",
    ]);
    expect(local.stderr).toBe("");
    const rendered = JSON.parse(local.stdout) as { messages: { content: { text: string }[] }[] };
    expect(rendered.messages[0]?.content[0]?.text).toBe(served.text);

    const jinja: RenderResponse = await client.render("jinja/ask", {
      label: "latest",
      variables: { name: "Bo", question: "Why?" },
    });
    const localJinja = await quire([
      "render",
      "prompts/jinja/ask.prompt",
      "--var",
      "name=Bo",
      "--var",
      "question=Why?",
      "--json",
    ]);
    expect(localJinja.stderr).toBe("");
    expect(JSON.parse(localJinja.stdout)).toEqual({ text: jinja.text });
    expect(jinja.text).toBe("Hello Bo.\nQ: Why?");
  });

  test("a local partial cycle is refused before anything is sent, naming the cycle", async () => {
    const folder = path.join(project, "looping");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "_a.prompt"), "A {{> b}}");
    writeFileSync(path.join(folder, "_b.prompt"), "B {{> a}}");
    writeFileSync(path.join(folder, "uses.prompt"), "{{> a}}");
    const run = await quire(["push", "looping"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("a → b → a");
    expect(run.stderr).toContain("nothing was sent");
    expect((await client.listPrompts({ prefix: "a" })).items).toEqual([]);
  });

  test("a component the server does not have is refused with 422, naming the file and line", async () => {
    const folder = path.join(project, "missing");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "lonely.prompt"), "Hi\n{{> not/here@production}}\n");
    const run = await quire(["push", "missing"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("missing/lonely.prompt");
    expect(run.stderr).toContain('"not/here@production"');
    expect(run.stderr).toContain("line 2, column 1");
  });

  test("pull writes included prompts as partials, and pushing them back changes nothing", async () => {
    const pulled = await quire(["pull", "pulled", "--label", "latest"]);
    expect(pulled.stderr).toBe("");
    expect(pulled.code).toBe(0);
    expect(existsSync(path.join(project, "pulled", "support", "_footer.prompt"))).toBe(true);
    expect(existsSync(path.join(project, "pulled", "_tone.prompt"))).toBe(true);
    expect(existsSync(path.join(project, "pulled", "support", "reply.prompt"))).toBe(true);
    const back = await quire(["push", "pulled", "--json"]);
    expect(back.stderr).toBe("");
    const outcomes = JSON.parse(back.stdout) as { name: string; status: string }[];
    expect(outcomes.filter((outcome) => outcome.status !== "unchanged")).toEqual([]);
  });
});
