/** Whose key it is: keys of one caller in one project never meet another's. */
export interface IdempotencyScope {
  projectId: string;
  /** `key:<id>` or `user:<id>`. */
  principal: string;
}

/** What `begin` found for a key. */
export type IdempotencyBegin =
  /** The key is new (or its record expired): handle the request, then `complete` or `abandon`. */
  | { state: "new" }
  /** The same request was answered already: send this answer again. */
  | { state: "replay"; status: number; body: unknown }
  /** The same request is still being handled (by this or another server). */
  | { state: "in-progress" }
  /** The key was used with a different request. */
  | { state: "mismatch" };

/**
 * Idempotency keys on the database, shared by every server: `begin` claims a key atomically
 * (the primary key decides between two servers), `complete` stores the answer, `abandon` frees
 * the key so a retry is handled again (a failed request changes nothing).
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for a request with `fingerprint`. A record older than `expiresAfterMs` (default
   * 24 h), or one still in progress after `staleAfterMs` (default 60 s: its server died), is
   * taken over as new.
   */
  begin(
    scope: IdempotencyScope,
    key: string,
    fingerprint: string,
    options?: { now?: Date; expiresAfterMs?: number; staleAfterMs?: number },
  ): Promise<IdempotencyBegin>;
  complete(scope: IdempotencyScope, key: string, status: number, body: unknown): Promise<void>;
  abandon(scope: IdempotencyScope, key: string): Promise<void>;
  /** Deletes records created before `before`; returns how many. */
  removeExpired(before: Date): Promise<number>;
}
