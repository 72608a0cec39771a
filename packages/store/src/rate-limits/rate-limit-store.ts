/**
 * Fixed-window counters on the database, shared by every server on it (rate limits per key and
 * per address, failed logins). The caller picks the window: `windowStart` is the same instant on
 * every server (the time rounded down to the window's length).
 */
export interface RateLimitStore {
  /** `postgres`: shared by every server; `pglite`: one process (an in-memory count is as good). */
  readonly kind: "postgres" | "pglite";
  /** Adds `amount` (default 1) to the key's count in the window and returns the new count. */
  increment(key: string, window: RateLimitWindow, amount?: number): Promise<number>;
  /** The key's count in the window (0 when nothing was counted). */
  count(key: string, window: RateLimitWindow): Promise<number>;
  /** Forgets every window of the key (a successful login clears its email's failures). */
  reset(key: string): Promise<void>;
  /** Deletes the windows that ended before `now`; returns how many. */
  sweep(now?: Date): Promise<number>;
}

export interface RateLimitWindow {
  start: Date;
  /** When the window ends (its row may be swept after). */
  end: Date;
}

/** The fixed window of `lengthMilliseconds` that holds `now`, the same on every server. */
export function fixedWindow(lengthMilliseconds: number, now = Date.now()): RateLimitWindow {
  const start = Math.floor(now / lengthMilliseconds) * lengthMilliseconds;
  return { start: new Date(start), end: new Date(start + lengthMilliseconds) };
}
