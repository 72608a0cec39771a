/** Thrown when a body is larger than the limit (the rest is not read). */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`the response is larger than ${limitBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a fetch response's body as UTF-8 text, at most `limitBytes`: a declared or streamed
 * length beyond it cancels the body and throws `BodyTooLargeError`, so a huge answer never
 * sits in memory.
 */
export async function readLimitedBody(response: Response, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyTooLargeError(limitBytes);
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError(limitBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
