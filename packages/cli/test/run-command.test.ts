import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RunResponse } from "@quire/core";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliEntryPoint } from "./cli-entry-point.js";
import { runQuire } from "./run-quire.js";

const folder = mkdtempSync(path.join(tmpdir(), "quire-run-cli-"));
let models: TestModelServer;
let serve: ChildProcess | undefined;
let url = "";
let adminKey = "";

/** Collects the child's stdout until `pattern` appears. */
function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = "";
    let errors = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      errors += chunk.toString("utf8");
    });
    const timer = setTimeout(() => reject(new Error(`no ${pattern} in:\n${seen}`)), 30_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = pattern.exec(seen);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.on("exit", () => reject(new Error(`quire serve exited early:\n${seen}\n${errors}`)));
  });
}

function quire(args: string[]) {
  return runQuire(args, { cwd: folder, env: { QUIRE_URL: url } });
}

beforeAll(async () => {
  models = await startTestModelServer({
    reply: (request) => {
      if (request.model === "down") return { type: "error", status: 503, message: "overloaded" };
      // Offered tools: the model calls the application's calendar.
      if (Array.isArray((request.body as { tools?: unknown }).tools)) {
        const call = { id: "call_1", name: "calendar", arguments: { day: "monday" } };
        return { type: "text", text: "", toolCalls: [call] };
      }
      return { type: "text", text: `echo: ${request.lastUserText}`, chunkDelayMs: 2 };
    },
  });
  writeFileSync(
    path.join(folder, "quire.toml"),
    [
      "[[providers]]",
      'name = "local"',
      'kind = "openai-compatible"',
      `baseUrl = "${models.baseUrl}"`,
      'models = ["echo", "down"]',
      "",
      // Never called here: what versions may name (a typo is refused listing it).
      "[[tools]]",
      'name = "search"',
      'parameters = { type = "object", properties = { query = { type = "string" } } }',
      'url = "http://127.0.0.1:9/search"',
      "",
    ].join("\n"),
  );
  serve = spawn(process.execPath, [...cliEntryPoint(), "serve", "--port", "0"], {
    cwd: folder,
    env: {
      PATH: process.env.PATH ?? "",
      NO_COLOR: "1",
      QUIRE_MODEL_RETRIES: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const banner = await waitForOutput(
    serve,
    /listening on (http:\/\/\S+)\n(?:.*\n)*? {2}models +(.*)\n {2}tools +(.*)\n/,
  );
  url = banner[1] ?? "";
  expect(banner[2]).toBe("local/echo, local/down");
  expect(banner[3]).toBe("search");
  adminKey = readFileSync(path.join(folder, ".quire", "admin.key"), "utf8").trim();
  const created = await fetch(`${url}/v1/prompts`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      name: "cli/greet",
      template: "Say hello to {{name}}.",
      inputSchema: { type: "object", properties: { name: { type: "string" } }, required: ["name"] },
      config: { model: "local/echo" },
      labels: ["production"],
    }),
  });
  expect(created.status).toBe(201);
}, 90_000);

afterAll(async () => {
  if (serve !== undefined && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve?.on("exit", resolve));
    serve.kill("SIGTERM");
    await exited;
  }
  await models?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("quire run (against quire serve with quire.toml's [[providers]])", () => {
  test("prints the answer on stdout and a summary on stderr", async () => {
    const result = await quire(["run", "cli/greet", "--var", "name=Ann"]);
    expect(result.stdout).toBe("echo: Say hello to Ann.\n");
    expect(result.stderr).toMatch(/^cli\/greet v1 · local\/echo · \d+ in \/ 5 out tokens · \d+ ms/);
    expect(result.code).toBe(0);
  });

  test("--stream prints the same answer as it arrives; --json prints the server's answer", async () => {
    const streamed = await quire(["run", "cli/greet:1", "--var", "name=Bo", "--stream"]);
    expect(streamed.stdout).toBe("echo: Say hello to Bo.\n");
    expect(streamed.stderr).toMatch(/first token \d+ ms/);
    const json = await quire(["run", "cli/greet", "--var", "name=Cy", "--json", "--no-cache"]);
    const body = JSON.parse(json.stdout) as RunResponse;
    expect(body).toMatchObject({ output: "echo: Say hello to Cy.", servedBy: "local/echo" });
    expect(body.executionId).toMatch(/^[0-9a-f-]{36}$/);
    const events = await quire(["run", "cli/greet", "--var", "name=Di", "--stream", "--json"]);
    const lines = events.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines.at(-1)?.type).toBe("done");
    expect(lines.slice(0, -1).every((line) => line.type === "delta")).toBe(true);
  });

  test("--stable-prefix reaches the server, and a bad value is a usage error", async () => {
    const tooLong = await quire(["run", "cli/greet", "--var", "name=Al", "--stable-prefix", "9"]);
    expect(tooLong.code).not.toBe(0);
    expect(tooLong.stderr).toContain("stablePrefix is 9 messages");
    const marked = await quire(["run", "cli/greet", "--var", "name=Al", "--stable-prefix", "1"]);
    expect(marked.code).toBe(0);
    const bad = await quire(["run", "cli/greet", "--var", "name=Al", "--stable-prefix", "some"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stable-prefix must be "system" or a number');
  });

  test("names a missing variable, and lists the configured models for an unknown one", async () => {
    const missing = await quire(["run", "cli/greet"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("name");
    const unknown = await quire(["run", "cli/greet", "--var", "name=A", "--model", "x/y"]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('Unknown language model "x/y"');
    expect(unknown.stderr).toContain("local/echo, local/down");
  });

  test("reports a provider failure with its class, and falls back with --fallback", async () => {
    const failed = await quire(["run", "cli/greet", "--var", "name=A", "--model", "local/down"]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/unavailable|overloaded|503/);
    const rescued = await quire([
      "run",
      "cli/greet",
      "--var",
      "name=A",
      "--model",
      "local/down",
      "--fallback",
      "local/echo",
    ]);
    expect(rescued.stdout).toBe("echo: Say hello to A.\n");
    expect(rescued.stderr).toContain("after local/down (unavailable) failed");
  });
});

describe("quire run with tools ([[tools]] of quire.toml)", () => {
  const create = (name: string, config: Record<string, unknown>) =>
    fetch(`${url}/v1/prompts`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name, template: "Plan my week.", config, labels: ["production"] }),
    });

  test("a version naming a tool quire.toml does not configure is refused, listing the configured ones", async () => {
    const refused = await create("cli/typo", { model: "local/echo", tools: ["serch"] });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      '"serch", which is not a configured tool (configured tools: search)',
    );
  });

  test("prints the calls of client-side tools the application must run", async () => {
    const created = await create("cli/plan", {
      model: "local/echo",
      strategy: "tool-calling",
      toolDefinitions: [
        {
          name: "calendar",
          parameters: { type: "object", properties: { day: { type: "string" } } },
        },
      ],
    });
    expect(created.status).toBe(201);
    const result = await quire(["run", "cli/plan"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('tool call calendar {"day":"monday"} (id call_1)\n');
  });
});
