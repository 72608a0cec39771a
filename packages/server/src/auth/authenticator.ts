import { QuireError } from "@quire/core";
import type { ApiKeyRecord, PromptStore } from "@quire/store";
import { LRUCache } from "lru-cache";
import { hashApiKey, looksLikeApiKey } from "./api-key.js";

export type Scope = ApiKeyRecord["scope"];

const scopeRank: Record<Scope, number> = { read: 0, write: 1, admin: 2 };

export interface AuthenticatorOptions {
  /** How long a found key is trusted before it is looked up again (default 5 s). */
  ttlMilliseconds?: number;
  /** How long an unknown key stays unknown (default 1 s). */
  unknownTtlMilliseconds?: number;
}

const howToAuthenticate =
  "Send `Authorization: Bearer <key>`; on the server's machine the admin key is in <data directory>/admin.key.";

/** Checks `Authorization: Bearer <key>` headers against the stored key hashes, with a short cache. */
export class Authenticator {
  private readonly cache: LRUCache<string, { record: ApiKeyRecord | null }>;
  private readonly unknownTtlMilliseconds: number;

  constructor(
    private readonly store: PromptStore,
    options: AuthenticatorOptions = {},
  ) {
    this.cache = new LRUCache({ max: 10_000, ttl: options.ttlMilliseconds ?? 5_000 });
    this.unknownTtlMilliseconds = options.unknownTtlMilliseconds ?? 1_000;
  }

  /** The key record for a header, or a 401 QuireError saying what is wrong. */
  async authenticate(header: string | undefined): Promise<ApiKeyRecord> {
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
      const record = (await this.store.findApiKeyByHash(hash)) ?? null;
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
    return record;
  }

  /** 403 when the key's scope is below what the route needs. */
  authorize(record: ApiKeyRecord, needed: Scope): void {
    if (scopeRank[record.scope] < scopeRank[needed]) {
      throw new QuireError(
        "FORBIDDEN",
        `The API key "${record.name}" has scope "${record.scope}"; this request needs "${needed}".`,
        { details: { scope: record.scope, needed } },
      );
    }
  }

  /** Forgets cached lookups (after a key is created or revoked on this instance). */
  clear(): void {
    this.cache.clear();
  }
}
