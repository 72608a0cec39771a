import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One call an operator's HTTP tool received: Quire POSTs `{name, arguments}` as JSON. */
export interface ToolEndpointCall {
  path: string;
  headers: IncomingHttpHeaders;
  body: { name?: string; arguments: Record<string, unknown> };
}

export interface TestToolEndpoint {
  /** `http://127.0.0.1:PORT`; a tool's `url` is this plus the path its handler answers. */
  url: string;
  /** Every call received, in order. */
  calls: ToolEndpointCall[];
  close(): Promise<void>;
}

/**
 * An operator's tool endpoint on a loopback port, for tests only (a stand-in, like the test
 * model server): parses each POSTed JSON body, records the call, and lets `answer` respond
 * (or hold the response, to test timeouts and concurrency).
 */
export async function startTestToolEndpoint(
  answer: (call: ToolEndpointCall, response: ServerResponse) => void,
): Promise<TestToolEndpoint> {
  const calls: ToolEndpointCall[] = [];
  const server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
    });
    request.on("end", () => {
      const call: ToolEndpointCall = {
        path: request.url ?? "",
        headers: request.headers,
        body: JSON.parse(text) as ToolEndpointCall["body"],
      };
      calls.push(call);
      response.setHeader("content-type", "application/json");
      answer(call, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
