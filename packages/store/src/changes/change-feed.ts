import type { Transaction } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { PromptChangedEvent } from "../prompt-store.js";

/**
 * How changes reach every store on the same database. A write calls `publishInTransaction`
 * before its commit and `afterCommit` after it; each implementation uses the one that fits
 * (PostgreSQL: NOTIFY inside the transaction, delivered on commit only; PGlite: an in-process
 * emitter after commit).
 */
export interface ChangeFeed {
  publishInTransaction(
    transaction: Transaction<StoreSchema>,
    events: readonly PromptChangedEvent[],
  ): Promise<void>;
  afterCommit(events: readonly PromptChangedEvent[]): void;
  subscribe(listener: (event: PromptChangedEvent) => void): () => void;
  close(): Promise<void>;
}
