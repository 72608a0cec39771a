import { expect } from "vitest";

/**
 * `expect.poll` with a limit fit for a browser on a loaded machine (vitest's default is one
 * second): retries `read` until the assertion chained on it holds, for up to 20 s.
 */
export function eventually<Value>(
  read: () => Value | Promise<Value>,
): ReturnType<typeof expect.poll<Value>> {
  return expect.poll(read, { timeout: 20_000, interval: 50 });
}
