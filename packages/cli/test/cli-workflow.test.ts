import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createQuireClient, type QuireClient } from "@quire/client";
import { serializePromptFile } from "@quire/core";
import { type RunningServer, startServer } from "@quire/server";
import { Dotprompt } from "dotprompt";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type QuireRun, runQuire } from "./run-quire.js";

/**
 * The CLI end to end: the real `quire` in a child process, against a real server started here
 * on a free port with its data (and admin.key) in the project's `.quire/`, as `quire serve`
 * would put it. The CLI finds the key by itself; QUIRE_URL points it at the port.
 */
let root: string;
let project: string;
let server: RunningServer;
let client: QuireClient;
let environment: Record<string, string>;
let closedUrl: string;

/** A loopback URL where nothing listens: a port just freed. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const triageV1 = `---
description: Sorts a support ticket into a queue.
tags: [support]
config:
  temperature: 0.2
input:
  schema:
    ticket: string
    customer?: string
---
Classify this ticket as billing, shipping or other.
Ticket: {{ticket}}
{{#if customer}}Customer: {{customer}}{{/if}}
`;

const triageV2 = triageV1.replace(
  "billing, shipping or other",
  "billing, shipping, returns or other",
);

function quire(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<QuireRun> {
  return runQuire(args, { cwd: options.cwd ?? project, env: options.env ?? environment });
}

function expectNoStackTrace(run: QuireRun): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "quire-cli-"));
  project = path.join(root, "project");
  mkdirSync(project);
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
  environment = { QUIRE_URL: server.url };
  closedUrl = await closedPortUrl();
});

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe("quire from init to pull", () => {
  test("init writes quire.toml and an example prompt, and refuses to overwrite them", async () => {
    const first = await quire(["init"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("created quire.toml");
    const config = readFileSync(path.join(project, "quire.toml"), "utf8");
    expect(readFileSync(path.join(project, "prompts", "hello.prompt"), "utf8")).toContain(
      "{{name}}",
    );

    writeFileSync(path.join(project, "quire.toml"), `${config}# edited\n`);
    const second = await quire(["init"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /^error: quire\.toml and prompts\/hello\.prompt already exist; quire init wrote nothing/,
    );
    expect(readFileSync(path.join(project, "quire.toml"), "utf8")).toBe(`${config}# edited\n`);
  });

  test("push creates every prompt, then a second push changes nothing", async () => {
    mkdirSync(path.join(project, "prompts", "support"));
    writeFileSync(path.join(project, "prompts", "support", "triage.prompt"), triageV1);
    writeFileSync(path.join(project, "prompts", "support", "_footer.prompt"), "Thanks, {{name}}");

    const first = await quire(["push"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created\s+hello\s+v1$/m);
    expect(first.stdout).toMatch(/^created\s+support\/triage\s+v1$/m);
    expect(first.stdout).toMatch(
      /^created\s+support\/footer\s+v1\s+component from support\/_footer\.prompt$/m,
    );
    expect(first.stdout).toContain("3 created, 0 unchanged (1 of them components)");

    const second = await quire(["push", "--json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual([
      {
        name: "support/footer",
        file: "support/_footer.prompt",
        kind: "component",
        status: "unchanged",
        version: 1,
        labelsMoved: [],
        labelsPending: [],
      },
      {
        name: "hello",
        file: "hello.prompt",
        kind: "prompt",
        status: "unchanged",
        version: 1,
        labelsMoved: [],
        labelsPending: [],
      },
      {
        name: "support/triage",
        file: "support/triage.prompt",
        kind: "prompt",
        status: "unchanged",
        version: 1,
        labelsMoved: [],
        labelsPending: [],
      },
    ]);
    expect((await client.getPrompt("support/triage")).prompt.latestVersion).toBe(1);
  });

  test("an edited file becomes version 2, and --label moves the label to each pushed version", async () => {
    writeFileSync(path.join(project, "prompts", "support", "triage.prompt"), triageV2);
    const run = await quire(["push", "--label", "staging", "-m", "add returns"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^unchanged\s+hello\s+v1\s+staging → v1$/m);
    expect(run.stdout).toMatch(/^created\s+support\/triage\s+v2\s+staging → v2$/m);
    const served = await client.getPrompt("support/triage", { label: "staging" });
    expect(served.version.number).toBe(2);
    expect(served.version.message).toBe("add returns");
    expect(served.version.template).toContain("returns");
  });

  test("versions lists both versions with their labels", async () => {
    const table = await quire(["versions", "support/triage"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^VERSION\s+LABELS/m);
    expect(table.stdout).toMatch(/^v2\s+staging\s/m);
    expect(table.stdout).toMatch(/^v1\s+-\s/m);
    const json = await quire(["versions", "support/triage", "--json"]);
    const versions = JSON.parse(json.stdout) as { number: number; labels: string[] }[];
    expect(versions.map((version) => version.number).sort()).toEqual([1, 2]);
  });

  test("diff shows the changed template lines, by number or by label", async () => {
    const run = await quire(["diff", "support/triage", "1", "2"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("support/triage: v1 → v2");
    expect(run.stdout).toMatch(/^-Classify this ticket as billing, shipping or other\.$/m);
    expect(run.stdout).toMatch(
      /^\+Classify this ticket as billing, shipping, returns or other\.$/m,
    );
    expect(run.stdout).toContain("no other field changed");
    const byLabel = await quire(["diff", "support/triage", "1", "staging", "--json"]);
    expect(JSON.parse(byLabel.stdout)).toMatchObject({
      from: 1,
      to: 2,
      template: { added: 1, removed: 1 },
    });
  });

  test("label points production at version 1 and says what it was", async () => {
    const run = await quire([
      "label",
      "support/triage",
      "production",
      "1",
      "--reason",
      "v2 not reviewed yet",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("support/triage: production → v1 (new label)\n");
    const again = await quire(["label", "support/triage", "production", "2"]);
    expect(again.stdout).toBe("support/triage: production → v2 (was v1)\n");
    const back = await quire(["label", "support/triage", "production", "1"]);
    expect(back.stdout).toBe("support/triage: production → v1 (was v2)\n");
    const history = await client.labelHistory("support/triage");
    expect(history.items.filter((move) => move.label === "production")).toHaveLength(3);
  });

  test("render by name@label and name:version uses that version", async () => {
    const staging = await quire([
      "render",
      "support/triage@staging",
      "--var",
      "ticket=Where is my parcel?",
    ]);
    expect(staging.code).toBe(0);
    expect(staging.stdout).toContain("billing, shipping, returns or other");
    expect(staging.stdout).toContain("Ticket: Where is my parcel?");

    const first = await quire([
      "render",
      "support/triage:1",
      "--data",
      '{"ticket":"Refund","customer":"Ann"}',
      "--json",
    ]);
    expect(first.code).toBe(0);
    const answer = JSON.parse(first.stdout) as {
      version: number;
      text: string;
      variables: Record<string, unknown>;
    };
    expect(answer.version).toBe(1);
    expect(answer.text).toContain("Customer: Ann");
    expect(answer.variables).toMatchObject({ ticket: "Refund", customer: "Ann" });

    const production = await quire(["render", "support/triage", "--var", "ticket=x", "--json"]);
    expect(JSON.parse(production.stdout)).toMatchObject({ version: 1, label: "production" });
  });

  test("pull writes each prompt at the label, or latest without it, as the server serializes it", async () => {
    const run = await quire(["pull", "pulled", "--label", "production"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^written\s+pulled\/hello\.prompt\s+v1\s+latest \(no production label\)$/m,
    );
    expect(run.stdout).toMatch(/^written\s+pulled\/support\/triage\.prompt\s+v1\s+production$/m);
    for (const [name, version] of [
      ["hello", 1],
      ["support/triage", 1],
    ] as const) {
      const served = await client.getPrompt(name, { version });
      const expected = serializePromptFile({
        ...served.version,
        description: served.prompt.description === "" ? undefined : served.prompt.description,
        tags: served.prompt.tags,
        labels: [], // pull never writes labels: pushing the file later must not move them back
      });
      expect(readFileSync(path.join(project, "pulled", `${name}.prompt`), "utf8")).toBe(expected);
    }
    const pulled = readFileSync(path.join(project, "pulled", "support", "triage.prompt"), "utf8");
    expect(pulled).toContain("billing, shipping or other");
    expect(pulled).not.toContain("returns");

    // The footer, pushed from a partial, is a prompt of its own; no pulled prompt includes it, so
    // it is written as a prompt file.
    expect(run.stdout).toMatch(/^written\s+pulled\/support\/footer\.prompt\s+v1\s/m);

    const again = await quire(["pull", "pulled", "--label", "production"]);
    expect(again.stdout).toContain("0 written, 3 unchanged");
  });

  test("files pulled at the latest versions push back unchanged", async () => {
    const run = await quire(["pull", "latest-files", "--label", "latest", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        name: "hello",
        file: "latest-files/hello.prompt",
        status: "written",
        version: 1,
        label: "latest",
      },
      {
        name: "support/footer",
        file: "latest-files/support/footer.prompt",
        status: "written",
        version: 1,
        label: "latest",
      },
      {
        name: "support/triage",
        file: "latest-files/support/triage.prompt",
        status: "written",
        version: 2,
        label: "latest",
      },
    ]);
    const pushBack = await quire(["push", "latest-files", "--json"]);
    expect(pushBack.code).toBe(0);
    const outcomes = JSON.parse(pushBack.stdout) as {
      name: string;
      status: string;
      version: number;
    }[];
    expect(outcomes.map(({ name, status, version }) => ({ name, status, version }))).toEqual([
      { name: "hello", status: "unchanged", version: 1 },
      { name: "support/footer", status: "unchanged", version: 1 },
      { name: "support/triage", status: "unchanged", version: 2 },
    ]);
  });

  test("a message-list prompt made through the API pulls and pushes back unchanged", async () => {
    await client.createPrompt({
      name: "chat/list",
      template: [
        { role: "system", content: "You help {{company}}." },
        { role: "user", content: "{{question}}" },
      ],
    });
    const pulled = await quire(["pull", "list-files", "--label", "latest"]);
    expect(pulled.code).toBe(0);
    expect(readFileSync(path.join(project, "list-files", "chat", "list.prompt"), "utf8")).toContain(
      "messages:",
    );
    const pushBack = await quire(["push", "list-files", "--json"]);
    expect(pushBack.code).toBe(0);
    const outcomes = JSON.parse(pushBack.stdout) as { name: string; status: string }[];
    expect(outcomes.find((outcome) => outcome.name === "chat/list")?.status).toBe("unchanged");
  });

  test("labels named in a file's front matter are moved on push, once", async () => {
    const folder = path.join(project, "labelled");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, "greeting.prompt"),
      "---\nlabels: [canary]\n---\nHi {{name}}\n",
    );
    const first = await quire(["push", "labelled"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^created\s+greeting\s+v1\s+canary → v1$/m);
    const second = await quire(["push", "labelled", "--json"]);
    expect(JSON.parse(second.stdout)).toEqual([
      {
        name: "greeting",
        file: "greeting.prompt",
        kind: "prompt",
        status: "unchanged",
        version: 1,
        labelsMoved: [],
        labelsPending: [],
      },
    ]);
    expect((await client.getPrompt("greeting", { label: "canary" })).version.number).toBe(1);
  });
});

describe("quire render on a local file", () => {
  test("prints exactly Dotprompt's messages, with partials from _name.prompt beside the file", async () => {
    const folder = path.join(root, "local");
    mkdirSync(folder, { recursive: true });
    const source = `---
input:
  schema:
    name: string
    items(array): string
  default:
    name: friend
---
{{role "system"}}
You write short letters.
{{role "user"}}
Dear {{name}},
{{#each items}}- {{this}}
{{/each}}
{{> signature}}
`;
    const signature = "Regards,\n{{name}}'s assistant";
    writeFileSync(path.join(folder, "letter.prompt"), source);
    writeFileSync(path.join(folder, "_signature.prompt"), signature);
    const data = { input: { name: "Ann", items: ["one", "two"] } };

    // No server: a closed URL and no API key anywhere.
    const run = await runQuire(
      ["render", "letter.prompt", "--data", JSON.stringify(data), "--json"],
      {
        cwd: folder,
        env: { QUIRE_URL: closedUrl },
      },
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const expected = await new Dotprompt({ partials: { signature } }).render(source, data);
    expect(JSON.parse(run.stdout)).toEqual({
      messages: JSON.parse(JSON.stringify(expected.messages)),
    });

    const withVariables = await runQuire(["render", "letter.prompt", "--var", 'items=["x"]'], {
      cwd: folder,
    });
    expect(withVariables.code).toBe(0);
    expect(withVariables.stdout).toBe(
      "[system]\nYou write short letters.\n\n[user]\nDear friend,\n- x\nRegards,\nfriend's assistant\n",
    );
  });

  test("a file in another engine renders through compilePrompt, with its schema checked", async () => {
    const folder = path.join(root, "local-jinja");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, "summary.prompt"),
      `---
engine: jinja2
input:
  schema:
    topic: string
    points(array): string
---
Summarize {{ topic }}:
{% for point in points %}* {{ point }}
{% endfor %}`,
    );
    const run = await runQuire(
      [
        "render",
        "summary.prompt",
        "--var",
        "topic=tides",
        "--var",
        'points=["moon","sun"]',
        "--json",
      ],
      {
        cwd: folder,
      },
    );
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ text: "Summarize tides:\n* moon\n* sun\n" });

    const wrong = await runQuire(
      ["render", "summary.prompt", "--var", "topic=7", "--var", "points=[]"],
      { cwd: folder },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('"topic" must be string');
    expect(wrong.stderr).toContain("hint: --var values are read as JSON");
  });

  test("a .prompt path that is neither a file nor a prompt says both", async () => {
    const run = await quire(["render", "missing.prompt"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: .*missing\.prompt.* There is no file "missing\.prompt" here either/,
    );
  });
});

describe("bad input gets a clear message and the right exit code", () => {
  test("an unknown prompt", async () => {
    const run = await quire(["render", "no/such-prompt", "--var", "a=1"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: .*no\/such-prompt/);
    expectNoStackTrace(run);
  });

  test("a --var without '=' is a usage error (exit 2)", async () => {
    const run = await quire(["render", "support/triage", "--var", "ticket"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: --var expects NAME=VALUE, got "ticket"; for example --var name=Ann or --var count=3\n',
    );
  });

  test("a YAML error in one file stops the push before anything is sent, naming file and line", async () => {
    const folder = path.join(project, "broken");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "fine.prompt"), "---\ndescription: fine\n---\nHello\n");
    writeFileSync(
      path.join(folder, "bad.prompt"),
      "---\ndescription: [unclosed\ntags: x\n---\nHello\n",
    );
    const run = await quire(["push", "broken"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("1 prompt file has errors; nothing was sent");
    expect(run.stderr).toMatch(/broken\/bad\.prompt:3:\d+: .*\n {4}3 \| tags: x/);
    expectNoStackTrace(run);
    const names = [];
    for await (const prompt of client.iteratePrompts()) names.push(prompt.name);
    expect(names).not.toContain("fine");
  });

  test("a template syntax error in any engine is caught before sending, at its line in the file", async () => {
    const folder = path.join(project, "broken-jinja");
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      path.join(folder, "j.prompt"),
      "---\nengine: jinja2\n---\nHello\nthere {% for x in %}\n",
    );
    const run = await quire(["push", "broken-jinja"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("1 prompt file has errors; nothing was sent");
    expect(run.stderr).toContain("broken-jinja/j.prompt:5:19: Jinja2 syntax error");
    await expect(client.getPrompt("j")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("an unknown key in quire.toml is named, with the known ones", async () => {
    const folder = path.join(root, "bad-config");
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "quire.toml"), '[servr]\nurl = "http://127.0.0.1:1"\n');
    const run = await runQuire(["versions", "hello"], { cwd: folder, env: { QUIRE_API_KEY: "k" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: unknown key "servr" in quire.toml (known: server, cache, evaluation, render, project, executions, models, providers, tools, toolCalls); did you mean "server"?\n',
    );
  });

  test("a missing API key names the three ways to give one", async () => {
    const folder = path.join(root, "no-key");
    mkdirSync(folder, { recursive: true });
    const run = await runQuire(["versions", "hello"], {
      cwd: folder,
      env: { QUIRE_URL: server.url },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--api-key");
    expect(run.stderr).toContain("QUIRE_API_KEY");
    expect(run.stderr).toContain(".quire/admin.key");
  });

  test("a wrong API key is refused by the server", async () => {
    const run = await quire(["versions", "hello"], {
      env: { ...environment, QUIRE_API_KEY: "qk_wrong" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: /);
    expectNoStackTrace(run);
  });

  test("a server that is not running", async () => {
    const run = await quire(["versions", "hello"], {
      env: { QUIRE_URL: closedUrl, QUIRE_API_KEY: "k" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: Could not reach Quire at ${closedUrl} (ECONNREFUSED): is the server running at ${closedUrl}? start it with \`quire serve\`\n`,
    );
  });

  test("QUIRE_DEBUG=1 adds the stack trace", async () => {
    const run = await quire(["versions", "hello"], {
      env: { QUIRE_URL: closedUrl, QUIRE_API_KEY: "k", QUIRE_DEBUG: "1" },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
