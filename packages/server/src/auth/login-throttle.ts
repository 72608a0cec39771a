import { QuireError } from "@quire/core";
import { createMemoryCounters, type WindowCounters } from "./window-counters.js";

export interface LoginThrottleOptions {
  /** Failed logins allowed per email in the window (default 5). */
  perEmail?: number;
  /** Failed logins allowed per client address in the window (default 20). */
  perAddress?: number;
  /** The window (default 15 minutes). */
  windowMilliseconds?: number;
}

/**
 * Counts failed logins per email and per client address in fixed windows; once either is spent,
 * logins for it are refused (429 with Retry-After) until the window ends — even with the right
 * password, so guessing cannot continue. A success clears the email's count. The counts live in
 * `counters`: on the database they hold across every server (N servers do not allow N× the
 * guesses).
 */
export class LoginThrottle {
  private readonly perEmail: number;
  private readonly perAddress: number;
  private readonly window: number;

  constructor(
    options: LoginThrottleOptions = {},
    private readonly counters: WindowCounters = createMemoryCounters(),
  ) {
    this.perEmail = options.perEmail ?? 5;
    this.perAddress = options.perAddress ?? 20;
    this.window = options.windowMilliseconds ?? 15 * 60_000;
  }

  private keys(email: string, address: string) {
    return [
      { key: `login-email:${email.toLowerCase()}`, limit: this.perEmail, what: "email" },
      { key: `login-address:${address}`, limit: this.perAddress, what: "address" },
    ] as const;
  }

  /** Throws RATE_LIMITED when this email or address has no attempts left. */
  async check(email: string, address: string, now = Date.now()): Promise<void> {
    for (const { key, limit, what } of this.keys(email, address)) {
      const { count, resetAt } = await this.counters.count(key, this.window);
      if (count >= limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
        throw new QuireError(
          "RATE_LIMITED",
          `Too many failed logins for this ${what}: try again in ${retryAfterSeconds} s.`,
          { details: { retryAfterSeconds }, retryable: true },
        );
      }
    }
  }

  async failed(email: string, address: string): Promise<void> {
    for (const { key } of this.keys(email, address))
      await this.counters.increment(key, this.window);
  }

  async succeeded(email: string): Promise<void> {
    await this.counters.reset(`login-email:${email.toLowerCase()}`);
  }
}
