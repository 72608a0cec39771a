import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  anthropicErrorBody,
  anthropicMessageBody,
  anthropicMessageEvents,
} from "./anthropic-messages-wire.js";
import { deterministicEmbedding } from "./deterministic-embedding.js";
import { chatCompletionBody, chatCompletionChunks, openAiErrorBody } from "./openai-chat-wire.js";
import { allMessageText, embeddingInputs, readTestRequest } from "./read-test-request.js";
import {
  countWords,
  echoReply,
  type TestReply,
  type TestReplyScript,
  type TestRequest,
  type TestTextReply,
  type TestUsage,
} from "./test-reply.js";

/**
 * An OpenAI-compatible (and Anthropic-Messages-shaped) HTTP server on a loopback port, for tests
 * only: the real AI SDK clients talk to it over real HTTP. Routes: `POST /v1/chat/completions`
 * (JSON or server-sent events), `POST /v1/messages`, `POST /v1/embeddings`. Each request is
 * answered by the script (`TestReplyScript`): text, an HTTP error, malformed JSON, or a cut
 * connection, after an optional latency.
 */
export interface TestModelServer {
  /** `http://127.0.0.1:<port>/v1`: the base URL every provider kind takes. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received since start (or the last `reset`). */
  readonly requests: TestRequest[];
  /** Responses still being written: 0 once every client has finished or gone away. */
  readonly openResponses: number;
  /** Replaces the script; undefined goes back to the default echo. */
  script(reply: TestReplyScript | undefined): void;
  /** Forgets recorded requests and numbers the next one 0. */
  reset(): void;
  close(): Promise<void>;
}

export interface TestModelServerOptions {
  reply?: TestReplyScript;
  /** Length of the embedding vectors (default 64). */
  embeddingDimensions?: number;
}

const routes: Record<string, TestRequest["endpoint"]> = {
  "/v1/chat/completions": "chat",
  "/v1/messages": "messages",
  "/v1/embeddings": "embeddings",
};

export async function startTestModelServer(
  options: TestModelServerOptions = {},
): Promise<TestModelServer> {
  let script: TestReplyScript | undefined = options.reply;
  const requests: TestRequest[] = [];
  const inFlight = new Set<AbortController>();
  const dimensions = options.embeddingDimensions ?? 64;

  const server = createServer((request, response) => {
    const controller = new AbortController();
    inFlight.add(controller);
    response.on("close", () => {
      controller.abort();
      inFlight.delete(controller);
    });
    handle(request, response, controller.signal).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: String(error) } }));
      } else {
        response.destroy();
      }
    });
  });

  async function handle(
    request: IncomingMessage,
    response: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const endpoint = routes[path];
    const text = await readBody(request);
    if (request.method !== "POST" || endpoint === undefined) {
      sendJson(response, 404, { error: { message: `No route ${request.method} ${path}.` } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendJson(response, 400, { error: { message: "The request body is not JSON." } });
      return;
    }
    const parsed = readTestRequest(endpoint, path, request.headers, body, requests.length);
    requests.push(parsed);
    const reply = (await script?.(parsed)) ?? echoReply(parsed);
    await delay(reply.latencyMs ?? 0, signal);
    if (signal.aborted) return;
    await answer(parsed, reply, response, signal);
  }

  async function answer(
    request: TestRequest,
    reply: TestReply,
    response: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const anthropic = request.endpoint === "messages";
    switch (reply.type) {
      case "error":
        sendJson(
          response,
          reply.status,
          anthropic ? anthropicErrorBody(reply) : openAiErrorBody(reply),
          reply.headers,
        );
        return;
      case "malformed":
        if (request.stream) {
          startEvents(response);
          response.end('data: {"id": "broken", "choices": [\n\n');
        } else {
          response.writeHead(200, { "content-type": "application/json" });
          response.end('{"id": "broken", "choices": [');
        }
        return;
      case "cut": {
        const text = reply.text ?? `${"word ".repeat(40)}end`;
        const full: TestTextReply = { type: "text", text };
        const usage = usageFor(full, request);
        if (request.stream) {
          const frames = framesFor(request, full, usage);
          startEvents(response);
          for (const frame of frames.slice(0, reply.afterChunks ?? 2)) response.write(frame);
          // Let the written frames reach the client before the connection drops.
          await delay(20, signal);
          response.destroy();
        } else {
          const body = JSON.stringify(bodyFor(request, full, usage));
          response.writeHead(200, {
            "content-type": "application/json",
            "content-length": String(Buffer.byteLength(body)),
          });
          response.write(body.slice(0, Math.floor(body.length / 2)));
          await delay(20, signal);
          response.destroy();
        }
        return;
      }
      case "text": {
        const usage = reply.usage === null ? null : usageFor(reply, request);
        if (!request.stream || request.endpoint === "embeddings") {
          sendJson(response, 200, bodyFor(request, reply, usage));
          return;
        }
        startEvents(response);
        for (const frame of framesFor(request, reply, usage)) {
          if (signal.aborted) return;
          response.write(frame);
          if (reply.chunkDelayMs !== undefined) await delay(reply.chunkDelayMs, signal);
        }
        response.end();
        return;
      }
    }
  }

  function bodyFor(request: TestRequest, reply: TestTextReply, usage: TestUsage | null): unknown {
    if (request.endpoint === "embeddings") {
      const inputs = embeddingInputs(request.body);
      const tokens = inputs.reduce((total, input) => total + countWords(input), 0);
      return {
        object: "list",
        model: request.model,
        data: inputs.map((input, index) => ({
          object: "embedding",
          index,
          embedding: deterministicEmbedding(input, dimensions),
        })),
        ...(usage === null ? {} : { usage: { prompt_tokens: tokens, total_tokens: tokens } }),
      };
    }
    return request.endpoint === "messages"
      ? anthropicMessageBody(reply, request, usage)
      : chatCompletionBody(reply, request, usage);
  }

  function framesFor(request: TestRequest, reply: TestTextReply, usage: TestUsage | null) {
    return request.endpoint === "messages"
      ? anthropicMessageEvents(reply, request, usage)
      : chatCompletionChunks(reply, request, usage);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get openResponses() {
      return inFlight.size;
    },
    script(reply) {
      script = reply;
    },
    reset() {
      requests.length = 0;
    },
    async close() {
      for (const controller of inFlight) controller.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function usageFor(reply: TestTextReply, request: TestRequest): TestUsage {
  const toolWords = (reply.toolCalls ?? []).reduce(
    (total, call) => total + 1 + countWords(JSON.stringify(call.arguments)),
    0,
  );
  return {
    promptTokens: countWords(allMessageText(request.body)),
    completionTokens: countWords(reply.text) + toolWords,
    cachedTokens: 0,
    ...reply.usage,
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

function startEvents(response: ServerResponse): void {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
}

/** Waits `ms`, or less if the signal aborts (the client went away, or the server is closing). */
function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
