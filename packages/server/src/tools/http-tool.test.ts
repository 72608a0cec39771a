import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callHttpTool, type HttpToolEndpoint } from "./http-tool.js";

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];
/** Answers by path; a path not listed answers 404. */
const routes: Record<string, Handler> = {
  "/json": (_request, body, response) => {
    response.setHeader("content-type", "application/json; charset=utf-8");
    response.end(JSON.stringify({ echoed: JSON.parse(body) }));
  },
  "/text": (_request, _body, response) => response.end("21 °C and sunny"),
  "/fail": (_request, _body, response) => {
    response.statusCode = 500;
    response.end("database is down");
  },
  "/redirect": (_request, _body, response) => {
    response.statusCode = 302;
    response.setHeader("location", "http://169.254.169.254/");
    response.end();
  },
  "/big-declared": (_request, _body, response) => {
    response.setHeader("content-length", "5000");
    response.end("x".repeat(5000));
  },
  "/big-streamed": (_request, _body, response) => {
    // Chunked, no length: the limit is found while reading.
    for (let index = 0; index < 10; index += 1) response.write("y".repeat(500));
    response.end();
  },
  "/bad-json": (_request, _body, response) => {
    response.setHeader("content-type", "application/json");
    response.end("{not json");
  },
  "/silent": () => {
    // Never answers: the tool's time limit ends the call.
  },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push({ path, headers: request.headers, body });
      const handler = routes[path];
      if (handler === undefined) {
        response.statusCode = 404;
        response.end();
      } else handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function endpoint(path: string, overrides: Partial<HttpToolEndpoint> = {}): HttpToolEndpoint {
  return {
    name: "weather",
    url: `${baseUrl}${path}`,
    timeoutMs: 2_000,
    maxResponseBytes: 1_024,
    headers: {},
    missingVariables: [],
    ...overrides,
  };
}

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error("expected the call to fail");
  return error.message;
}

describe("callHttpTool", () => {
  it("POSTs {name, arguments} as JSON with the configured headers and answers parsed JSON", async () => {
    const result = await callHttpTool(
      endpoint("/json", { headers: { authorization: "Bearer secret-value" } }),
      { city: "Paris" },
    );
    expect(result).toEqual({ echoed: { name: "weather", arguments: { city: "Paris" } } });
    const request = received.at(-1);
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers.authorization).toBe("Bearer secret-value");
  });

  it("answers a body that is not JSON as its text", async () => {
    expect(await callHttpTool(endpoint("/text"), {})).toBe("21 °C and sunny");
  });

  it("turns a status other than 2xx into an error quoting the body, without the URL", async () => {
    const message = await failureOf(callHttpTool(endpoint("/fail"), {}));
    expect(message).toBe("the endpoint answered HTTP 500: database is down");
    expect(message).not.toContain("127.0.0.1");
    expect(await failureOf(callHttpTool(endpoint("/missing"), {}))).toBe(
      "the endpoint answered HTTP 404",
    );
  });

  it("does not follow redirects", async () => {
    expect(await failureOf(callHttpTool(endpoint("/redirect"), {}))).toBe(
      "the endpoint answered HTTP 302 (redirects are not followed)",
    );
  });

  it("refuses a body over maxResponseBytes, declared or streamed", async () => {
    const expected = "the endpoint answered more than 1024 bytes (the tool's maxResponseBytes)";
    expect(await failureOf(callHttpTool(endpoint("/big-declared"), {}))).toBe(expected);
    expect(await failureOf(callHttpTool(endpoint("/big-streamed"), {}))).toBe(expected);
  });

  it("says when a JSON answer does not parse", async () => {
    expect(await failureOf(callHttpTool(endpoint("/bad-json"), {}))).toBe(
      "the endpoint answered application/json that is not valid JSON: {not json",
    );
  });

  it("gives up after timeoutMs", async () => {
    const started = performance.now();
    const message = await failureOf(callHttpTool(endpoint("/silent", { timeoutMs: 150 }), {}));
    expect(message).toBe("the endpoint did not answer within 150 ms");
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("says when nothing listens", async () => {
    // A port that was free a moment ago: the connection is refused at once.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const message = await failureOf(
      callHttpTool(endpoint("/json", { url: `http://127.0.0.1:${port}/tool` }), {}),
    );
    expect(message).toBe("the endpoint could not be reached (ECONNREFUSED)");
  });

  it("fails without a request when a header's variable was not set", async () => {
    const before = received.length;
    const message = await failureOf(
      callHttpTool(endpoint("/json", { missingVariables: ["WEATHER_TOKEN"] }), {}),
    );
    expect(message).toMatch(/environment variable WEATHER_TOKEN, not set/);
    expect(received.length).toBe(before);
  });

  it("passes the caller's abort on as the abort, not as a tool failure", async () => {
    const controller = new AbortController();
    const call = callHttpTool(endpoint("/silent"), {}, controller.signal);
    controller.abort(new Error("client went away"));
    await expect(call).rejects.toThrow("client went away");
  });
});
