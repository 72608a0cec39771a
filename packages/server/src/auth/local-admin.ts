import { QuireError } from "@quire/core";
import type { AccessStore } from "@quire/store";
import { LocalSessions } from "./local-sessions.js";
import type { Principal } from "./principal.js";
import { registryProject } from "./route-access.js";

export interface LocalAdminOptions {
  /**
   * Offer the local admin session (`POST /v1/auth/local-session`): on by default for the embedded
   * database (`quire serve`), off with PostgreSQL unless configured (`QUIRE_LOCAL_SESSION`).
   */
  enabled: boolean;
  /** How long a local session lasts (default 12 hours). */
  lifetimeMilliseconds?: number;
}

/**
 * "The local admin session until users exist": a newcomer who started `quire serve` and opened the
 * browser on the same machine works without pasting a key. Granted only in local mode, only
 * while the project has no member (no one could sign in), only to a loopback peer; sessions it
 * issued stop working as soon as a member exists.
 */
export class LocalAdmin {
  readonly sessions: LocalSessions;
  readonly enabled: boolean;
  private accountsSeen = false;
  private checkedAt = 0;

  constructor(
    private readonly access: AccessStore,
    options: LocalAdminOptions,
  ) {
    this.enabled = options.enabled;
    this.sessions = new LocalSessions(options.lifetimeMilliseconds);
  }

  /**
   * Whether anyone can sign in with an account (the registry project has a member). Once true it
   * stays true (members are not removed); a "no" is asked again after a second.
   */
  async accountsExist(now = Date.now()): Promise<boolean> {
    if (this.accountsSeen) return true;
    if (now - this.checkedAt < 1_000) return false;
    const members = await this.access.listMembers(registryProject);
    this.checkedAt = now;
    if (members.length > 0) {
      this.accountsSeen = true;
      this.sessions.endAll();
    }
    return this.accountsSeen;
  }

  /** Forgets the cached "nobody has an account" (a member was just added on this server). */
  membersChanged(): void {
    this.checkedAt = 0;
  }

  /**
   * The local admin for a session cookie's token this server issued; undefined for any other
   * token (a user's session); 401 once an account exists.
   */
  async principalOf(token: string): Promise<Principal | undefined> {
    if (!this.enabled || !this.sessions.has(token)) return undefined;
    if (await this.accountsExist()) {
      this.sessions.end(token);
      throw new QuireError(
        "UNAUTHORIZED",
        "The local admin session ended because an account exists now: sign in with your email and password.",
        { details: { reason: "local-session-ended" } },
      );
    }
    const principal = this.sessions.principalOf(token);
    if (principal === undefined) {
      throw new QuireError(
        "UNAUTHORIZED",
        "The local admin session has expired: reload the page to start a new one.",
        { details: { reason: "expired-session" } },
      );
    }
    return principal;
  }
}
