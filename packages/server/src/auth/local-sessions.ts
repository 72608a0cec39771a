import { createHash, randomBytes } from "node:crypto";
import type { Principal } from "./principal.js";

/** Who the local admin session acts as (versions it creates are authored by this name). */
export const localAdminName = "local-admin";

interface LocalSession {
  csrfToken: string;
  expiresAt: number;
}

/**
 * The local admin sessions this process issued: in memory only (the local mode is one embedded
 * server), tokens kept as SHA-256 hashes, each valid until it expires or until someone has an
 * account (`endAll`).
 */
export class LocalSessions {
  private readonly sessions = new Map<string, LocalSession>();

  constructor(private readonly lifetimeMilliseconds = 12 * 3_600_000) {}

  issue(now = Date.now()): { token: string; csrfToken: string; expiresAt: Date } {
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const expiresAt = now + this.lifetimeMilliseconds;
    this.sessions.set(hashOf(token), { csrfToken, expiresAt });
    return { token, csrfToken, expiresAt: new Date(expiresAt) };
  }

  /** The local admin principal for a cookie token this process issued and that is still valid. */
  principalOf(token: string, now = Date.now()): Principal | undefined {
    const hash = hashOf(token);
    const session = this.sessions.get(hash);
    if (session === undefined) return undefined;
    if (session.expiresAt <= now) {
      this.sessions.delete(hash);
      return undefined;
    }
    return {
      kind: "user",
      id: localAdminName,
      name: localAdminName,
      projectId: "default",
      role: "admin",
      csrfToken: session.csrfToken,
    };
  }

  /** Whether the token is one of ours (valid or not). */
  has(token: string): boolean {
    return this.sessions.has(hashOf(token));
  }

  end(token: string): void {
    this.sessions.delete(hashOf(token));
  }

  endAll(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
