import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EvalRun, Role } from "@quire/core";
import { createProviderRegistry } from "@quire/llm";
import {
  startTestModelServer,
  type TestModelServer,
  type TestReplyScript,
} from "@quire/llm/testing";
import { openStore, type Store } from "@quire/store";
import { type BuildAppOptions, buildApp, type QuireApp } from "../../src/build-app.js";
import { makeKey } from "../access/access-fixtures.js";
import { type ApiResponse, type RequestOptions, request } from "../support/test-server.js";

/** The models the stand-in provider `local` serves (each test's script says what they do). */
export const localModels = ["echo", "slow", "broken", "judge"];
/** And the embedding model it serves (deterministic word-hash vectors). */
export const localEmbeddingModels = ["embed"];

export interface EvaluationTestServer {
  url: string;
  keys: Record<Role, string>;
  store: Store;
  quire: QuireApp;
  models: TestModelServer;
  request<Body = unknown>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ApiResponse<Body>>;
  /** Creates a prompt with version 1 labeled production. */
  createPrompt(name: string, template: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A Quire app on a loopback port (PGlite in a temporary folder) whose provider `local` is the
 * OpenAI-compatible test server, with an API key per role.
 */
export async function startEvaluationTestServer(
  script?: TestReplyScript,
  /** More app options, given the provider registry (an embedding model, a model table). */
  appOptions?: (
    registry: ReturnType<typeof createProviderRegistry>,
  ) => Pick<BuildAppOptions, "evaluation" | "models" | "tools">,
): Promise<EvaluationTestServer> {
  const models = await startTestModelServer(script === undefined ? {} : { reply: script });
  const dataDirectory = await mkdtemp(join(tmpdir(), "quire-evaluation-test-"));
  const store = await openStore({ dataDirectory });
  const registry = createProviderRegistry(
    {
      providers: [
        {
          name: "local",
          kind: "openai-compatible",
          baseUrl: models.baseUrl,
          models: localModels,
          embeddingModels: localEmbeddingModels,
        },
      ],
    },
    {},
  );
  const quire = await buildApp({
    store,
    logLevel: "silent",
    runs: { registry, retry: { maxRetries: 1, initialDelayMs: 5, maxDelayMs: 20 } },
    ...appOptions?.(registry),
  });
  const url = await quire.app.listen({ port: 0, host: "127.0.0.1" });
  const keys = {} as Record<Role, string>;
  for (const role of ["viewer", "editor", "publisher", "admin"] as const) {
    keys[role] = (await makeKey(store, role)).key;
  }
  const send: EvaluationTestServer["request"] = (method, path, options) =>
    request(url, keys.admin, method, path, options);
  return {
    url,
    keys,
    store,
    quire,
    models,
    request: send,
    async createPrompt(name, template) {
      const created = await send("POST", "/v1/prompts", {
        body: { name, template, labels: ["production"] },
      });
      if (created.status !== 201) throw new Error(`creating ${name}: ${created.text}`);
    },
    async close() {
      await quire.app.close();
      await store.close();
      await models.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

/** Reads server-sent events from a streaming response until it ends. */
export async function readEvents(
  url: string,
  key: string,
): Promise<{ event: string; data: unknown }[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) throw new Error(`events answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? "null";
      return { event, data: JSON.parse(data) as unknown };
    });
}

/** Polls a run until `done` holds (or fails the test after `timeoutMs`). */
export async function waitForRun(
  server: EvaluationTestServer,
  id: string,
  done: (run: EvalRun) => boolean,
  timeoutMs = 20_000,
): Promise<EvalRun> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await server.request<EvalRun>("GET", `/v1/eval-runs/${id}`);
    if (done(response.body)) return response.body;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${response.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
