import { createHash } from "node:crypto";
import { type ApiKeyScope, QuireError, type Role, roleAtLeast } from "@quire/core";
import type { AccessKeyRecord, AccessStore, SessionRecord } from "@quire/store";
import { LRUCache } from "lru-cache";
import { hashApiKey, looksLikeApiKey } from "./api-key.js";
import { KeyUseRecorder } from "./key-use-recorder.js";
import type { Principal } from "./principal.js";

/** The scopes of the first keys (read, write, admin): shorthands for roles now. */
export type Scope = ApiKeyScope;

export interface AuthenticatorOptions {
  /** How long a found key is trusted before it is looked up again (default 5 s). */
  ttlMilliseconds?: number;
  /** How long an unknown key stays unknown (default 1 s). */
  unknownTtlMilliseconds?: number;
  /** How often last use is written, for all keys at once (default 30 s). */
  lastUseFlushMilliseconds?: number;
}

const howToAuthenticate =
  "Send `Authorization: Bearer <key>`; on the server's machine the admin key is in <data directory>/admin.key.";

/**
 * Checks `Authorization: Bearer <key>` headers against the stored key hashes, with a short cache
 * that every server drops when any server revokes a key (the store's access events: NOTIFY on
 * PostgreSQL), so a revoked key stops working everywhere at once; the TTL is only a safety net.
 */
export class Authenticator {
  private readonly cache: LRUCache<string, { record: AccessKeyRecord | null }>;
  private readonly sessions: LRUCache<string, { session: SessionRecord | null }>;
  private readonly unknownTtlMilliseconds: number;
  private readonly uses: KeyUseRecorder;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly access: AccessStore,
    options: AuthenticatorOptions = {},
  ) {
    this.cache = new LRUCache({ max: 10_000, ttl: options.ttlMilliseconds ?? 5_000 });
    this.sessions = new LRUCache({ max: 10_000, ttl: options.ttlMilliseconds ?? 5_000 });
    this.unknownTtlMilliseconds = options.unknownTtlMilliseconds ?? 1_000;
    this.uses = new KeyUseRecorder(access, options.lastUseFlushMilliseconds ?? 30_000);
    // Revocations are rare: dropping every cached key is simpler than indexing by id, and safe.
    this.unsubscribe = access.subscribe(() => this.clear());
  }

  /** The key record for a header, or a 401 QuireError saying what is wrong. */
  async authenticate(header: string | undefined): Promise<AccessKeyRecord> {
    if (header === undefined || header.trim() === "") {
      throw new QuireError("UNAUTHORIZED", `Missing Authorization header. ${howToAuthenticate}`, {
        details: { reason: "missing" },
      });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const key = match?.[1];
    if (key === undefined || !looksLikeApiKey(key)) {
      throw new QuireError(
        "UNAUTHORIZED",
        `Malformed Authorization header: expected "Bearer quire_…". ${howToAuthenticate}`,
        { details: { reason: "malformed" } },
      );
    }
    const hash = hashApiKey(key);
    let entry = this.cache.get(hash);
    if (entry === undefined) {
      const record = (await this.access.findKeyByHash(hash)) ?? null;
      entry = { record };
      this.cache.set(hash, entry, record === null ? { ttl: this.unknownTtlMilliseconds } : {});
    }
    const { record } = entry;
    if (record === null) {
      throw new QuireError("UNAUTHORIZED", `Unknown API key. ${howToAuthenticate}`, {
        details: { reason: "unknown" },
      });
    }
    if (record.revokedAt !== null) {
      throw new QuireError(
        "UNAUTHORIZED",
        `The API key "${record.name}" (${record.prefix}…) was revoked at ${record.revokedAt}. Use another key.`,
        { details: { reason: "revoked", key: record.prefix } },
      );
    }
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= Date.now()) {
      throw new QuireError(
        "UNAUTHORIZED",
        `The API key "${record.name}" (${record.prefix}…) expired at ${record.expiresAt}. Ask an admin of project "${record.projectId}" for a new key.`,
        { details: { reason: "expired", key: record.prefix } },
      );
    }
    this.uses.record(record.id);
    return record;
  }

  /** The signed-in user of a session cookie's token, or a 401/403 QuireError. */
  async authenticateSession(token: string): Promise<Principal> {
    const hash = createHash("sha256").update(token).digest("hex");
    let entry = this.sessions.get(hash);
    if (entry === undefined) {
      entry = { session: (await this.access.findSession(hash)) ?? null };
      this.sessions.set(hash, entry);
    }
    const { session } = entry;
    if (session === null || Date.parse(session.expiresAt) <= Date.now()) {
      throw new QuireError(
        "UNAUTHORIZED",
        "The session has ended (signed out or expired): sign in again with POST /v1/auth/login.",
        { details: { reason: session === null ? "unknown-session" : "expired-session" } },
      );
    }
    if (session.role === null) {
      throw new QuireError(
        "FORBIDDEN",
        `${session.email} is no longer a member of project "${session.projectId}": ask one of its admins.`,
        { details: { project: session.projectId } },
      );
    }
    return {
      kind: "user",
      id: session.userId,
      name: session.email,
      projectId: session.projectId,
      role: session.role,
      csrfToken: session.csrfToken,
    };
  }

  /** 403 when the principal's role is below what the request needs. */
  authorize(
    principal: Pick<Principal, "name" | "role" | "projectId"> & { kind?: Principal["kind"] },
    needed: Role,
    what = "this request",
  ): void {
    if (!roleAtLeast(principal.role, needed)) {
      const who = principal.kind === "user" ? principal.name : `The API key "${principal.name}"`;
      throw new QuireError(
        "FORBIDDEN",
        `${who} has role "${principal.role}" in project "${principal.projectId}"; ${what} needs "${needed}" or above.`,
        { details: { role: principal.role, needed, project: principal.projectId } },
      );
    }
  }

  /** Forgets cached lookups (after a key is revoked or a session ended on this instance). */
  clear(): void {
    this.cache.clear();
    this.sessions.clear();
  }

  /** Writes the last uses collected so far now (they are written every interval anyway). */
  flushKeyUses(): Promise<void> {
    return this.uses.flush();
  }

  /** Writes the last uses not yet written and stops listening. */
  async close(): Promise<void> {
    this.unsubscribe();
    await this.uses.close();
  }
}
