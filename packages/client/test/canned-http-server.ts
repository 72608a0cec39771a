import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  /** The raw request target, still percent-encoded: `/v1/prompts/a%2Fb?label=x`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export interface CannedResponse {
  status: number;
  /** Serialized as JSON unless it is already a string. */
  body?: unknown;
  delayMs?: number;
}

export interface CannedServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that answers each request with `respond`. */
export async function startCannedServer(
  respond: (request: RecordedRequest) => CannedResponse,
): Promise<CannedServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const recorded: RecordedRequest = {
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: text === "" ? undefined : JSON.parse(text),
      };
      requests.push(recorded);
      const canned = respond(recorded);
      const send = (): void => {
        const body =
          typeof canned.body === "string" ? canned.body : JSON.stringify(canned.body ?? null);
        response.writeHead(canned.status, { "content-type": "application/json" });
        response.end(body);
      };
      if (canned.delayMs === undefined) send();
      else setTimeout(send, canned.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
