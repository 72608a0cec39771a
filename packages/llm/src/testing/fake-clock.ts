import type { Clock } from "../resilience/clock.js";

/** A clock for tests: time moves only when a test says so (or, with `autoAdvance`, when slept). */
export interface FakeClock extends Clock {
  /** Every `sleep` asked for, in milliseconds, in order. */
  readonly sleeps: number[];
  /** Sleeps not yet over. */
  readonly pending: number;
  /** Moves time forward, waking (in order) every sleep that ends by then. */
  advance(ms: number): Promise<void>;
}

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * `autoAdvance: true` makes every sleep return at once with time moved forward by its length,
 * so a retry loop with backoff runs instantly and its waits can be read from `sleeps`.
 */
export function createFakeClock(
  options: { start?: number; autoAdvance?: boolean } = {},
): FakeClock {
  let time = options.start ?? 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  return {
    sleeps,
    get pending() {
      return timers.length;
    },
    now: () => time,
    sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (options.autoAdvance) {
        time += Math.max(0, ms);
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const timer: Timer = { at: time + Math.max(0, ms), resolve };
        timers.push(timer);
        signal?.addEventListener(
          "abort",
          () => {
            const index = timers.indexOf(timer);
            if (index !== -1) timers.splice(index, 1);
            reject(signal.reason);
          },
          { once: true },
        );
      });
    },
    async advance(ms) {
      const target = time + ms;
      while (true) {
        timers.sort((left, right) => left.at - right.at);
        const next = timers[0];
        if (next === undefined || next.at > target) break;
        timers.shift();
        time = next.at;
        next.resolve();
        await settle();
      }
      time = target;
      await settle();
    },
  };
}

/** Lets promise callbacks queued by woken sleepers run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 10; round += 1) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
