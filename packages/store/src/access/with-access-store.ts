import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { Store } from "../store.js";
import {
  type AccessFeed,
  createInProcessAccessFeed,
  createPostgresAccessFeed,
} from "./access-feed.js";
import { createAccessStore } from "./create-access-store.js";

/**
 * Adds projects and API keys to an open store on the same database. On PostgreSQL it opens one
 * more connection, which LISTENs for key revocations from every server; closing the store
 * closes it.
 */
export async function withAccessStore(
  store: Omit<Store, "access">,
  database: Kysely<StoreSchema>,
  databaseUrl: string | undefined,
): Promise<Store> {
  let feed: AccessFeed;
  try {
    feed =
      databaseUrl === undefined || databaseUrl === ""
        ? createInProcessAccessFeed()
        : await createPostgresAccessFeed(databaseUrl);
  } catch (error) {
    await store.close();
    throw error;
  }
  return {
    ...store,
    access: createAccessStore(database, feed),
    close: async () => {
      await feed.close();
      await store.close();
    },
  };
}
