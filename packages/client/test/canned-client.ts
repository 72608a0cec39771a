import { afterEach } from "vitest";
import { createQuireClient, type QuireClientOptions } from "../src/quire-client.js";
import {
  type CannedResponse,
  type CannedServer,
  type RecordedRequest,
  startCannedServer,
} from "./canned-http-server.js";

/**
 * For a test file of client methods: `clientAnswering(respond)` starts a canned HTTP server
 * (closing the one before) and gives a client pointed at it, with the requests it receives; the
 * last server is closed after each test.
 */
export function useCannedClients() {
  let server: CannedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return async function clientAnswering(
    respond: (request: RecordedRequest) => CannedResponse,
    options: Partial<QuireClientOptions> = {},
  ) {
    await server?.close();
    server = await startCannedServer(respond);
    return {
      client: createQuireClient({ baseUrl: server.url, apiKey: "qk_test", ...options }),
      requests: server.requests,
    };
  };
}
