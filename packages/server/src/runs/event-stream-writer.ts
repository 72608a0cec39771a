import type { ServerResponse } from "node:http";

/**
 * Writes server-sent events on a raw HTTP response: `event: NAME` and one `data:` line of JSON
 * per event (JSON escapes newlines, so the data is always one line). Waits for `drain` when the
 * client reads slowly; stops writing, without error, once the client has gone.
 */
export class EventStreamWriter {
  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // Proxies such as nginx buffer responses unless told not to.
      "x-accel-buffering": "no",
    });
  }

  get closed(): boolean {
    return this.response.destroyed || this.response.writableEnded;
  }

  send(event: string, data: unknown): Promise<void> | undefined {
    if (this.closed) return undefined;
    const written = this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (written) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        this.response.off("drain", done);
        this.response.off("close", done);
        resolve();
      };
      this.response.on("drain", done);
      this.response.on("close", done);
    });
  }

  end(): void {
    if (!this.closed) this.response.end();
  }
}
