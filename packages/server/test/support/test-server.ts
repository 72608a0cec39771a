import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, type ServerOptions, startServer } from "../../src/index.js";

export interface ApiResponse<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (for malformed JSON); implies Content-Type: application/json unless given. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Use this key instead of the admin key; null sends no Authorization header. */
  key?: string | null;
}

export interface TestServer {
  url: string;
  adminKey: string;
  dataDirectory: string;
  server: RunningServer;
  request<Body = unknown>(
    method: string,
    path: string,
    options?: RequestOptions,
  ): Promise<ApiResponse<Body>>;
  close(): Promise<void>;
}

/** `support/triage` → `support%2Ftriage`, the canonical form of a name in a URL. */
export function encodedName(name: string): string {
  return encodeURIComponent(name);
}

export async function request<Body = unknown>(
  baseUrl: string,
  key: string | null,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<Body>> {
  const headers: Record<string, string> = { ...options.headers };
  const useKey = options.key === undefined ? key : options.key;
  if (useKey !== null) headers.authorization ??= `Bearer ${useKey}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if (text !== "" && response.headers.get("content-type")?.includes("application/json")) {
    parsed = JSON.parse(text);
  }
  return { status: response.status, headers: response.headers, body: parsed as Body, text };
}

/** A real server on a loopback port with PGlite in a fresh temporary folder. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDirectory =
    options.dataDirectory ?? (await mkdtemp(join(tmpdir(), "quire-server-test-")));
  const server = await startServer({
    port: 0,
    logLevel: "silent",
    seedExamples: false,
    handleSignals: false,
    ...options,
    dataDirectory,
  });
  const adminKey = (await readFile(server.adminKeyPath, "utf8")).trim();
  return {
    url: server.url,
    adminKey,
    dataDirectory,
    server,
    request: (method, path, requestOptions) =>
      request(server.url, adminKey, method, path, requestOptions),
    close: async () => {
      await server.close();
      if (options.dataDirectory === undefined)
        await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
