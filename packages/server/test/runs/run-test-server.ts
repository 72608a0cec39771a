import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runResponseSchema } from "@quire/core";
import type { ProviderConfig } from "@quire/llm";
import {
  startTestModelServer,
  type TestModelServer,
  type TestReplyScript,
} from "@quire/llm/testing";
import { type StartServerOptions, startServer } from "../../src/index.js";
import { fieldsOutsideSchema } from "../support/fields-outside-schema.js";
import { type ApiResponse, type RequestOptions, request } from "../support/test-server.js";

/** The models the stand-in provider `local` serves (names only mean what each test scripts). */
export const localModels = ["echo", "backup", "flaky", "broken", "json", "cut", "slow"];

export interface RunTestServer {
  url: string;
  adminKey: string;
  dataDirectory: string;
  server: Awaited<ReturnType<typeof startServer>>;
  /** The OpenAI-compatible test server the `local` provider points at. */
  models: TestModelServer;
  request<Body = unknown>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ApiResponse<Body>>;
  /** Creates a prompt with version 1 labeled production. */
  createPrompt(body: Record<string, unknown>): Promise<void>;
  /** `POST /v1/prompts/{name}/run`. */
  run<Body = unknown>(name: string, body: Record<string, unknown>): Promise<ApiResponse<Body>>;
  close(): Promise<void>;
}

/**
 * A Quire server (PGlite in a temporary folder) whose `[[providers]]` are an OpenAI-compatible
 * provider `local` on the test model server, and `down`, a provider nothing listens for. Retries
 * wait milliseconds, not seconds, unless `runs` says otherwise.
 */
export async function startRunTestServer(
  options: { script?: TestReplyScript; server?: StartServerOptions } = {},
): Promise<RunTestServer> {
  const models = await startTestModelServer(
    options.script === undefined ? {} : { reply: options.script },
  );
  const providers: ProviderConfig[] = [
    { name: "local", kind: "openai-compatible", baseUrl: models.baseUrl, models: localModels },
    // The test server speaks Anthropic's messages API too; the key is a stand-in.
    {
      name: "claude",
      kind: "anthropic",
      baseUrl: models.baseUrl,
      models: ["sonnet"],
      apiKeyEnv: "QUIRE_TEST_ANTHROPIC_KEY",
    },
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    { name: "down", kind: "openai-compatible", baseUrl: "http://127.0.0.1:9/v1", models: ["any"] },
  ];
  process.env.QUIRE_TEST_ANTHROPIC_KEY ??= "sk-ant-test-stand-in";
  const ownDirectory = options.server?.dataDirectory === undefined;
  const dataDirectory =
    options.server?.dataDirectory ?? (await mkdtemp(join(tmpdir(), "quire-run-test-")));
  const server = await startServer({
    port: 0,
    logLevel: "silent",
    seedExamples: false,
    handleSignals: false,
    providers,
    ...options.server,
    dataDirectory,
    runs: { retry: { initialDelayMs: 5, maxDelayMs: 20 }, ...options.server?.runs },
  });
  const adminKey = (await readFile(server.adminKeyPath, "utf8")).trim();
  const send: RunTestServer["request"] = async <Body = unknown>(
    method: string,
    path: string,
    requestOptions?: RequestOptions,
  ) => {
    const response = await request<Body>(server.url, adminKey, method, path, requestOptions);
    if (method === "POST" && path.endsWith("/run")) holdRunAnswerToItsContract(response);
    return response;
  };
  return {
    url: server.url,
    adminKey,
    dataDirectory,
    server,
    models,
    request: send,
    async createPrompt(body) {
      const created = await send("POST", "/v1/prompts", {
        body: { labels: ["production"], ...body },
      });
      if (created.status !== 201) {
        throw new Error(`creating the prompt answered ${created.status}: ${created.text}`);
      }
    },
    run: (name, body) => send("POST", `/v1/prompts/${encodeURIComponent(name)}/run`, { body }),
    async close() {
      await server.close();
      await models.close();
      if (ownDirectory) await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * The run route sends its answer without a schema pass (the hot path, response-serializer.ts):
 * every answer a run suite gets is checked here to hold no field outside the contract.
 */
function holdRunAnswerToItsContract(response: ApiResponse<unknown>): void {
  if (response.status !== 200 || typeof response.body !== "object" || response.body === null)
    return;
  const outside = fieldsOutsideSchema(runResponseSchema, response.body);
  if (outside.length > 0) {
    throw new Error(`the run answer has fields outside runResponseSchema: ${outside.join(", ")}`);
  }
}

export interface ServerSentEvent {
  event: string;
  data: unknown;
}

/** Parses a whole `text/event-stream` body into its events (data read as JSON). */
export function parseEventStream(text: string): ServerSentEvent[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      return { event, data: JSON.parse(data.join("\n")) as unknown };
    });
}

/** The data of an event, typed by the caller; fails the test when there is no such event. */
export function dataOf<Data>(event: ServerSentEvent | undefined): Data {
  if (event === undefined) throw new Error("expected one more server-sent event");
  return event.data as Data;
}
