import type { ServerResponse } from "node:http";

/**
 * Writes server-sent events on a raw HTTP response: `event: NAME` and one `data:` line of JSON
 * per event (JSON escapes newlines, so the data is always one line). Waits for `drain` when the
 * client reads slowly; once the connection has closed (the client went away), sending does
 * nothing and nobody waits.
 */
export class EventStreamWriter {
  #gone = false;
  #waiting: (() => void)[] = [];

  constructor(private readonly response: ServerResponse) {
    response.once("close", () => {
      this.#gone = true;
      this.#wake();
    });
    response.on("drain", () => this.#wake());
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // Proxies such as nginx buffer responses unless told not to.
      "x-accel-buffering": "no",
    });
  }

  get closed(): boolean {
    return this.#gone || this.response.destroyed || this.response.writableEnded;
  }

  /** Resolves once the event is handed to the socket (or the client has gone). */
  send(event: string, data: unknown): Promise<void> | undefined {
    if (this.closed) return undefined;
    const written = this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (written || this.closed) return undefined;
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  end(): void {
    if (!this.closed) this.response.end();
    this.#wake();
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const resolve of waiting) resolve();
  }
}
