/**
 * Time as the resilience wrappers see it, so tests can replace it (`createFakeClock` in
 * `@quire/llm/testing`): backoff, timeouts and circuit cool-downs read `now` and `sleep` here.
 */
export interface Clock {
  /** Milliseconds, on any fixed origin. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason if it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
};

/**
 * The system's sleep with wall-clock time (`Date.now()`), for times that other processes read,
 * like a shared cache's expiry.
 */
export const wallClock: Clock = { now: () => Date.now(), sleep: systemClock.sleep };
