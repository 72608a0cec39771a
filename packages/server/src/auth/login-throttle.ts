import { QuireError } from "@quire/core";

export interface LoginThrottleOptions {
  /** Failed logins allowed per email in the window (default 5). */
  perEmail?: number;
  /** Failed logins allowed per client address in the window (default 20). */
  perAddress?: number;
  /** The window (default 15 minutes). */
  windowMilliseconds?: number;
}

/**
 * Counts failed logins per email and per client address in a sliding window; once either is
 * spent, logins for it are refused (429 with Retry-After) until the oldest failure leaves the
 * window — even with the right password, so guessing cannot continue. A success clears the
 * email's count. In memory, per server: behind several servers the limit is per server.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly perEmail: number;
  private readonly perAddress: number;
  private readonly window: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.perEmail = options.perEmail ?? 5;
    this.perAddress = options.perAddress ?? 20;
    this.window = options.windowMilliseconds ?? 15 * 60_000;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((time) => now - time < this.window);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Throws RATE_LIMITED when this email or address has no attempts left. */
  check(email: string, address: string, now = Date.now()): void {
    for (const [key, limit] of [
      [`email:${email.toLowerCase()}`, this.perEmail],
      [`address:${address}`, this.perAddress],
    ] as const) {
      const times = this.recent(key, now);
      if (times.length >= limit) {
        const retryAfterSeconds = Math.ceil(((times[0] ?? now) + this.window - now) / 1000);
        throw new QuireError(
          "RATE_LIMITED",
          `Too many failed logins for this ${key.startsWith("email") ? "email" : "address"}: try again in ${retryAfterSeconds} s.`,
          { details: { retryAfterSeconds }, retryable: true },
        );
      }
    }
  }

  failed(email: string, address: string, now = Date.now()): void {
    for (const key of [`email:${email.toLowerCase()}`, `address:${address}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.set(key, times);
      // Bounded memory: a flood of distinct keys forgets the oldest.
      if (this.failures.size > 100_000) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
    }
  }

  succeeded(email: string): void {
    this.failures.delete(`email:${email.toLowerCase()}`);
  }
}
