import { fixedWindow, type RateLimitStore } from "@quire/store";

/** A count in a fixed window, and when the window ends (ms since the epoch). */
export interface WindowCount {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters behind the rate limits and the login throttle: in memory (one server),
 * or on the database (every server on it adds to the same counter, so N servers allow the limit
 * once, not N times).
 */
export interface WindowCounters {
  readonly shared: boolean;
  /** Counts one for `key` in the window holding now; answers the count with this one. */
  increment(key: string, windowMilliseconds: number): Promise<WindowCount>;
  /** The key's count in the window holding now, without counting. */
  count(key: string, windowMilliseconds: number): Promise<WindowCount>;
  /** Forgets the key's counts. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

/** What a limiter that only counts (never checks without counting) needs. */
export type CountingOnly = Pick<WindowCounters, "increment" | "close">;

/**
 * In memory, per server, bounded: at `maxKeys` the oldest key is forgotten. A key's window starts
 * at its first count (one process needs no alignment with others' clocks).
 */
export function createMemoryCounters(maxKeys = 100_000): WindowCounters {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, length: number, now: number) => {
    const found = windows.get(key);
    return found !== undefined && now - found.start < length ? found : undefined;
  };
  return {
    shared: false,
    increment: async (key, length) => {
      const now = Date.now();
      let found = current(key, length, now);
      if (found === undefined) {
        windows.delete(key);
        found = { start: now, count: 0 };
        windows.set(key, found);
        if (windows.size > maxKeys) {
          const oldest = windows.keys().next().value;
          if (oldest !== undefined) windows.delete(oldest);
        }
      }
      found.count += 1;
      return { count: found.count, resetAt: found.start + length };
    },
    count: async (key, length) => {
      const now = Date.now();
      const found = current(key, length, now);
      return { count: found?.count ?? 0, resetAt: (found?.start ?? now) + length };
    },
    reset: async (key) => {
      windows.delete(key);
    },
    close: async () => windows.clear(),
  };
}

/**
 * On the database: one upsert per count (`ON CONFLICT DO UPDATE SET count = count + 1
 * RETURNING count`), a read per check; windows that ended are swept every `sweepMilliseconds`
 * (default a minute) by whichever server's timer fires.
 */
export function createDatabaseCounters(
  store: RateLimitStore,
  options: { sweepMilliseconds?: number; onSweepError?: (error: unknown) => void } = {},
): WindowCounters {
  const timer = setInterval(() => {
    store.sweep().catch((error: unknown) => options.onSweepError?.(error));
  }, options.sweepMilliseconds ?? 60_000);
  timer.unref();
  return {
    shared: true,
    increment: async (key, length) => {
      const window = fixedWindow(length);
      return { count: await store.increment(key, window), resetAt: window.end.getTime() };
    },
    count: async (key, length) => {
      const window = fixedWindow(length);
      return { count: await store.count(key, window), resetAt: window.end.getTime() };
    },
    reset: (key) => store.reset(key),
    close: async () => clearInterval(timer),
  };
}

interface BatchedKey {
  start: number;
  /** The shared count at the last sync, this server's part included. */
  known: number;
  /** Counted here since the last sync. */
  pending: number;
  /** Counted here, on its way to the database now. */
  flushing: number;
  lastSync: number;
  syncing: boolean;
}

/**
 * On the database, in batches: each server counts in memory and adds its count to the shared
 * counter at most every `syncMilliseconds` (one upsert per key per interval, off the request's
 * path), answering the shared count at the last sync plus its own since. For the per-key request
 * limit on the hot path: a query per request would cost ~0.6 ms (PostgreSQL, measured), and every
 * server would queue on one key's row. The limit can be passed by what the other servers counted
 * since their last sync (at most `syncMilliseconds` of their traffic). `syncMilliseconds` 0: every
 * request waits for its own upsert (exact, a query per request).
 */
export function createBatchedCounters(
  store: RateLimitStore,
  options: {
    syncMilliseconds?: number;
    maxKeys?: number;
    onSyncError?: (error: unknown) => void;
  } = {},
): CountingOnly {
  const interval = options.syncMilliseconds ?? 100;
  const maxKeys = options.maxKeys ?? 100_000;
  const keys = new Map<string, BatchedKey>();
  const inFlight = new Set<Promise<void>>();
  const sync = (key: string, state: BatchedKey, length: number, now: number) => {
    const amount = state.pending;
    state.pending = 0;
    state.flushing = amount;
    state.syncing = true;
    state.lastSync = now;
    const window = fixedWindow(length, state.start);
    const done = store
      .increment(key, window, amount)
      .then(
        (total) => {
          state.known = Math.max(state.known + amount, total);
        },
        (error: unknown) => {
          // Not lost: counted again at the next sync.
          state.pending += amount;
          options.onSyncError?.(error);
        },
      )
      .finally(() => {
        state.flushing = 0;
        state.syncing = false;
        inFlight.delete(done);
      });
    inFlight.add(done);
    return done;
  };
  return {
    increment: async (key, length) => {
      const now = Date.now();
      const window = fixedWindow(length, now);
      let state = keys.get(key);
      if (state === undefined || state.start !== window.start.getTime()) {
        keys.delete(key);
        state = {
          start: window.start.getTime(),
          known: 0,
          pending: 0,
          flushing: 0,
          lastSync: 0,
          syncing: false,
        };
        keys.set(key, state);
        if (keys.size > maxKeys) {
          const oldest = keys.keys().next().value;
          if (oldest !== undefined) keys.delete(oldest);
        }
      }
      state.pending += 1;
      if (interval === 0) {
        // Exact: one at a time per key, so each answer includes every count before it.
        while (state.syncing) await Promise.all(inFlight);
        await sync(key, state, length, now);
      } else if (!state.syncing && now - state.lastSync >= interval) {
        void sync(key, state, length, now);
      }
      return {
        count: state.known + state.flushing + state.pending,
        resetAt: window.end.getTime(),
      };
    },
    close: async () => {
      await Promise.all(inFlight);
      keys.clear();
    },
  };
}
