/** One server-sent event: its name (`message` when the stream gave none) and its data lines joined. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Reads a `text/event-stream` body as the HTML standard says: lines end with LF, CRLF or CR; a
 * blank line dispatches the event; `event:` names it, `data:` lines are joined with LF (one
 * space after the colon is dropped); comments (`:` first) and other fields are skipped; an event
 * with no data is not dispatched, nor an unfinished one at the end. Any chunking reads the same.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = "";
  let event = "";
  let data: string[] = [];
  /** The last chunk ended with CR: an LF opening the next one is the same line end. */
  let skipLineFeed = false;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (skipLineFeed && buffer.startsWith("\n")) buffer = buffer.slice(1);
      skipLineFeed = false;
      let start = 0;
      for (;;) {
        const end = nextLineEnd(buffer, start);
        if (end === -1) break;
        const line = buffer.slice(start, end);
        const carriageReturn = buffer.charCodeAt(end) === 13;
        start = end + 1;
        if (carriageReturn && buffer.charCodeAt(start) === 10) start += 1;
        else if (carriageReturn && start === buffer.length) skipLineFeed = true;
        if (line === "") {
          if (data.length > 0) {
            yield { event: event === "" ? "message" : event, data: data.join("\n") };
          }
          event = "";
          data = [];
        } else if (!line.startsWith(":")) {
          const colon = line.indexOf(":");
          const field = colon === -1 ? line : line.slice(0, colon);
          let fieldValue = colon === -1 ? "" : line.slice(colon + 1);
          if (fieldValue.startsWith(" ")) fieldValue = fieldValue.slice(1);
          if (field === "event") event = fieldValue;
          else if (field === "data") data.push(fieldValue);
        }
      }
      buffer = buffer.slice(start);
      if (done) {
        finished = true;
        return;
      }
    }
  } finally {
    // A consumer that stops early closes the connection.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** The index of the first LF or CR at or after `from`, or -1. */
function nextLineEnd(text: string, from: number): number {
  const lineFeed = text.indexOf("\n", from);
  const carriageReturn = text.indexOf("\r", from);
  if (carriageReturn === -1) return lineFeed;
  if (lineFeed === -1) return carriageReturn;
  return Math.min(lineFeed, carriageReturn);
}
