import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ProviderConfig } from "@quire/llm";
import { startTestModelServer, type TestModelServer } from "@quire/llm/testing";
import { type RunningServer, startServer } from "@quire/server";

/** The models the `local` provider serves in the browser tests (the test server echoes). */
export const localModels = ["echo", "mirror"];

export interface BrowserTestServer {
  /** The Quire server's base URL, e.g. `http://127.0.0.1:43117`. */
  url: string;
  adminKey: string;
  server: RunningServer;
  /** The OpenAI-compatible test server the `local` provider points at. */
  models: TestModelServer;
  /** A JSON request to the API with the admin key; throws on a status other than `expected`. */
  api<Body = unknown>(
    method: string,
    path: string,
    body?: unknown,
    expected?: number,
  ): Promise<Body>;
  close(): Promise<void>;
}

/**
 * A real Quire server on a free loopback port, with PGlite in a fresh temporary folder, no example
 * prompts, the local admin session on, the UI served at `/`, and one provider: `local`,
 * OpenAI-compatible, on the test model server, whose models `echo` and `mirror` stream
 * `echo: <last user text>` (or `mirror: …`) word by word.
 */
export async function startBrowserTestServer(
  /** The built UI to serve at `/`. */
  webDirectory: string,
): Promise<BrowserTestServer> {
  const models = await startTestModelServer({
    // A few milliseconds between words, so a person (and a test) sees the answer stream in.
    reply: (request) => ({
      type: "text",
      text: `${request.model === "mirror" ? "mirror" : "echo"}: ${request.lastUserText}`,
      chunkDelayMs: 15,
    }),
  });
  const dataDirectory = await mkdtemp(join(tmpdir(), "quire-browser-test-"));
  const providers: ProviderConfig[] = [
    { name: "local", kind: "openai-compatible", baseUrl: models.baseUrl, models: localModels },
  ];
  let server: RunningServer;
  try {
    server = await startServer({
      port: 0,
      host: "127.0.0.1",
      logLevel: "silent",
      seedExamples: false,
      handleSignals: false,
      providers,
      dataDirectory,
      webDirectory,
      // The browser signs in as the local admin (loopback, no members yet), as a newcomer would.
      localSession: true,
    });
  } catch (error) {
    await models.close();
    await rm(dataDirectory, { recursive: true, force: true });
    throw error;
  }
  const adminKey = (await readFile(server.adminKeyPath, "utf8")).trim();
  return {
    url: server.url,
    adminKey,
    server,
    models,
    async api<Body>(method: string, path: string, body?: unknown, expected?: number) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const wanted = expected ?? (method === "POST" ? 201 : 200);
      if (response.status !== wanted) {
        throw new Error(
          `${method} ${path} answered ${response.status} (wanted ${wanted}): ${text}`,
        );
      }
      return (text === "" ? undefined : JSON.parse(text)) as Body;
    },
    async close() {
      await server.close();
      await models.close();
      await rm(dataDirectory, { recursive: true, force: true });
    },
  };
}
