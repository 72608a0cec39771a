import type { Kysely, Transaction } from "kysely";
import type { ChangeFeed } from "../changes/change-feed.js";
import type { StoreSchema } from "../database/database-schema.js";
import type { PromptChangedEvent } from "../prompt-store.js";
import { translateDatabaseError } from "./database-errors.js";

export type WriteWork<Result> = (
  transaction: Transaction<StoreSchema>,
  events: PromptChangedEvent[],
) => Promise<Result>;

/**
 * Runs one write as one transaction: it commits whole or not at all. The events the work
 * collects are published inside the transaction (PostgreSQL NOTIFY, delivered on commit) and
 * after the commit (in-process listeners), never for a write that rolled back.
 */
export async function runWrite<Result>(
  database: Kysely<StoreSchema>,
  changeFeed: ChangeFeed,
  work: WriteWork<Result>,
): Promise<Result> {
  const events: PromptChangedEvent[] = [];
  let result: Result;
  try {
    result = await database.transaction().execute(async (transaction) => {
      const workResult = await work(transaction, events);
      await changeFeed.publishInTransaction(transaction, events);
      return workResult;
    });
  } catch (error) {
    throw translateDatabaseError(error);
  }
  changeFeed.afterCommit(events);
  return result;
}
