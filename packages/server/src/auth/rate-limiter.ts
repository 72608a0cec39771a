import { QuireError } from "@quire/core";

/**
 * Fixed one-minute windows per key: `take(key)` counts a request and throws RATE_LIMITED (429,
 * with the seconds until the window ends) once the key has used its limit. In memory, per
 * server, bounded: at `maxKeys` the oldest window is forgotten.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly what: string,
    private readonly maxKeys = 100_000,
  ) {}

  /** How many seconds until `key` may try again, or 0 when it is under its limit. */
  retryAfter(key: string, now = Date.now()): number {
    const window = this.windows.get(key);
    if (window === undefined || now - window.start >= 60_000) return 0;
    return window.count >= this.limitPerMinute
      ? Math.ceil((window.start + 60_000 - now) / 1000)
      : 0;
  }

  /** Counts one request of `key`; throws when the limit is spent. */
  take(key: string, now = Date.now()): void {
    let window = this.windows.get(key);
    if (window === undefined || now - window.start >= 60_000) {
      this.windows.delete(key);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
      if (this.windows.size > this.maxKeys) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
    }
    window.count += 1;
    if (window.count > this.limitPerMinute) throw this.limited(key, now);
  }

  /** Throws when `key` has spent its limit, without counting. */
  check(key: string, now = Date.now()): void {
    if (this.retryAfter(key, now) > 0) throw this.limited(key, now);
  }

  private limited(key: string, now: number): QuireError {
    const retryAfterSeconds = Math.max(1, this.retryAfter(key, now));
    return new QuireError(
      "RATE_LIMITED",
      `Too many ${this.what}: at most ${this.limitPerMinute} a minute. Try again in ${retryAfterSeconds} s.`,
      { details: { retryAfterSeconds, limitPerMinute: this.limitPerMinute }, retryable: true },
    );
  }
}
