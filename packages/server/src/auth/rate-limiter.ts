import { QuireError } from "@quire/core";
import type { WindowCount, WindowCounters } from "./window-counters.js";

const minute = 60_000;

/**
 * Fixed one-minute windows per key: `take(key)` counts a request and throws RATE_LIMITED (429,
 * with the seconds until the window ends) once the key has used its limit. The counts live in
 * `counters`: in memory (one server) or on the database (shared by every server).
 */
export class RateLimiter {
  constructor(
    private readonly counters: Pick<WindowCounters, "increment">,
    /** Keeps this limiter's counters apart from the others' (`requests`, `failed-auth`). */
    private readonly namespace: string,
    private readonly limitPerMinute: number,
    private readonly what: string,
  ) {}

  /** Counts one request of `key`; throws when the limit is spent. */
  async take(key: string, now = Date.now()): Promise<void> {
    const window = await this.counters.increment(`${this.namespace}:${key}`, minute);
    if (window.count > this.limitPerMinute) throw this.limited(window, now);
  }

  private limited(window: WindowCount, now: number): QuireError {
    const retryAfterSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
    return new QuireError(
      "RATE_LIMITED",
      `Too many ${this.what}: at most ${this.limitPerMinute} a minute. Try again in ${retryAfterSeconds} s.`,
      { details: { retryAfterSeconds, limitPerMinute: this.limitPerMinute }, retryable: true },
    );
  }
}
