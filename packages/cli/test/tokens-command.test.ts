import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createQuireClient } from "@quire/client";
import { countMessageTokens, countTokens, renderPromptFile } from "@quire/core";
import { type RunningServer, startServer } from "@quire/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runQuire } from "./run-quire.js";

/** `quire tokens` end to end: the real CLI in a child process, on files and on a server. */
let project: string;
let server: RunningServer;

const triage = `---
model: openai/gpt-4o-mini
input:
  schema:
    ticket: string
---
{{role "system"}}
You sort support tickets into billing, shipping or other.
{{role "user"}}
Ticket: {{ticket}}
`;

const summary = `---
engine: jinja2
input:
  schema:
    document: string
---
Summarise in one line: {{ document }}
`;

beforeAll(async () => {
  project = mkdtempSync(path.join(tmpdir(), "quire-tokens-"));
  writeFileSync(path.join(project, "triage.prompt"), triage);
  writeFileSync(path.join(project, "summary.prompt"), summary);
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDirectory: path.join(project, ".quire"),
    seedExamples: false,
    handleSignals: false,
    logLevel: "silent",
  });
  const apiKey = readFileSync(path.join(project, ".quire", "admin.key"), "utf8").trim();
  await createQuireClient({ baseUrl: server.url, apiKey }).createPrompt({
    name: "support/triage",
    type: "chat",
    template: [
      { role: "system", content: "You sort support tickets." },
      { role: "user", content: "Ticket: {{ticket}}" },
    ],
    inputSchema: {
      type: "object",
      properties: { ticket: { type: "string" } },
      required: ["ticket"],
    },
    config: { model: "gpt-4o" },
    labels: ["production"],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(project, { recursive: true, force: true });
});

const quire = (args: string[]) => runQuire(args, { cwd: project, env: { QUIRE_URL: server.url } });

describe("quire tokens", () => {
  test("counts a local file rendered with its variables, for the prompt's own model", async () => {
    const run = await quire([
      "tokens",
      "triage.prompt",
      "--var",
      "ticket=My order is late",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    // The messages exactly as Dotprompt renders them (what `quire render --json` prints).
    const rendered = renderPromptFile(triage, { input: { ticket: "My order is late" } });
    const expected = await countMessageTokens(rendered.messages, { model: "gpt-4o-mini" });
    expect(report).toMatchObject({
      prompt: "triage.prompt",
      model: "openai/gpt-4o-mini",
      source: "rendered",
      estimated: false,
      total: expected.tokens,
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      available: 128_000 - expected.tokens - 16_384,
    });
  });

  test("prints per message, total and window left; marks an estimate", async () => {
    const run = await quire([
      "tokens",
      "triage.prompt",
      "--model",
      "claude-haiku-4-5",
      "--var",
      "ticket=x",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^triage\.prompt · claude-haiku-4-5 \(o200k_base, estimate\) · rendered\n/,
    );
    expect(run.stdout).toMatch(/\[system\]\s+~\d+\n/);
    expect(run.stdout).toMatch(
      /window 200,000 − prompt ~\d+ − max output 64,000 = ~[\d,]+ tokens left/,
    );
    expect(run.stdout).toContain("note: claude-haiku-4-5's own tokenizer is not shipped");

    const without = await quire(["tokens", "triage.prompt", "--model", "gpt-4o"]);
    expect(without.stdout).toContain(
      "note: not given: ticket (counted as their defaults, or empty)",
    );
  });

  test("counts the template as written when it cannot be rendered without its variables", async () => {
    const run = await quire(["tokens", "summary.prompt", "--model", "gpt-4o", "--json"]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.source).toBe("template");
    expect(report.total).toBe(
      (await countTokens("Summarise in one line: {{ document }}", { model: "gpt-4o" })).tokens,
    );
    expect(report.notes[0]).toMatch(/counted the template as written.*document.*--var/);
  });

  test("uses [models] from quire.toml, and asks for a model when the prompt names none", async () => {
    writeFileSync(
      path.join(project, "quire.toml"),
      '[models."acme-small"]\ncontextWindow = 40\nmaxOutputTokens = 10\nencoding = "o200k_base"\n',
    );
    try {
      const run = await quire([
        "tokens",
        "triage.prompt",
        "--model",
        "acme-small",
        "--var",
        "ticket=x",
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\(o200k_base, exact\)/);
      expect(run.stdout).toMatch(/window 40 − prompt \d+ − max output 10 = -?\d+ tokens left/);

      const noFile = await quire(["tokens", "nowhere.prompt", "--model", "gpt-4o"]);
      expect(noFile.code).toBe(1);
      expect(noFile.stderr).toMatch(/^error: There is no file "nowhere\.prompt" in /);

      const missing = await quire(["tokens", "summary.prompt", "--var", "document=x"]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain("summary.prompt names no model; give one with --model");
    } finally {
      rmSync(path.join(project, "quire.toml"));
    }
  });

  test("counts a prompt on the server by name, label and variables", async () => {
    const run = await quire([
      "tokens",
      "support/triage",
      "--label",
      "production",
      "--var",
      "ticket=late",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout);
    const expected = await countMessageTokens(
      [
        { role: "system", content: "You sort support tickets." },
        { role: "user", content: "Ticket: late" },
      ],
      { model: "gpt-4o" },
    );
    expect(report).toMatchObject({
      prompt: "support/triage",
      version: 1,
      model: "gpt-4o",
      source: "rendered",
      total: expected.tokens,
    });

    const unrendered = await quire(["tokens", "support/triage", "--json"]);
    expect(JSON.parse(unrendered.stdout)).toMatchObject({ source: "template", version: 1 });

    const unknown = await quire(["tokens", "support/nope", "--model", "gpt-4o"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: .*support\/nope/);
  });
});
