import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readServerSentEvents, type ServerSentEvent } from "./server-sent-events.js";

/** A body delivering `text` in the given pieces (UTF-8 bytes cut anywhere, even inside a character). */
function bodyOf(text: string, cuts: number[]): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let previous = 0;
  for (const point of [...points, bytes.length]) {
    pieces.push(bytes.slice(previous, point));
    previous = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

async function readAll(text: string, cuts: number[] = []): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(bodyOf(text, cuts))) events.push(event);
  return events;
}

describe("readServerSentEvents", () => {
  it("reads named events, joins data lines, skips comments and unknown fields", async () => {
    const text =
      ': a comment\nevent: delta\ndata: {"text":"a"}\n\nid: 7\ndata: one\ndata:two\n\nevent: done\ndata\n\n';
    expect(await readAll(text)).toEqual([
      { event: "delta", data: '{"text":"a"}' },
      { event: "message", data: "one\ntwo" },
      { event: "done", data: "" },
    ]);
  });

  it("accepts CRLF and CR line ends, and drops an event without data or a final blank line", async () => {
    expect(await readAll("event: a\r\ndata: 1\r\n\r\nevent: b\r\rdata: 2\r\rdata: 3")).toEqual([
      { event: "a", data: "1" },
      { event: "message", data: "2" },
    ]);
  });

  it("reads the same events however the bytes are split", async () => {
    const eventArbitrary = fc.record({
      event: fc.stringMatching(/^[a-z-]{1,8}$/),
      data: fc.array(
        fc.string({ unit: "grapheme" }).map((text) => text.replace(/[\r\n]/g, " ")),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    });
    const lineEnd = fc.constantFrom("\n", "\r\n", "\r");
    await fc.assert(
      fc.asyncProperty(
        fc.array(eventArbitrary, { maxLength: 6 }),
        lineEnd,
        fc.array(fc.nat(), { maxLength: 12 }),
        async (events, end, cuts) => {
          const text = events
            .map(
              ({ event, data }) =>
                `event: ${event}${end}${data.map((line) => `data: ${line}${end}`).join("")}${end}`,
            )
            .join("");
          const expected = events.map(({ event, data }) => ({ event, data: data.join("\n") }));
          expect(await readAll(text, cuts)).toEqual(expected);
        },
      ),
    );
  });
});
