import type { Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { Store } from "../store.js";
import {
  createResponseCacheStorage,
  type ResponseCacheStorageOptions,
} from "./create-response-cache-storage.js";

/**
 * Adds the response cache's storage to an open store on the same database; closing the store
 * stops its background work (writing the last hit counts) before the database closes.
 */
export function withResponseCacheStorage(
  store: Omit<Store, "responseCache" | "access">,
  database: Kysely<StoreSchema>,
  options: ResponseCacheStorageOptions,
): Omit<Store, "access"> {
  const { storage, stop } = createResponseCacheStorage(database, options);
  return {
    ...store,
    responseCache: storage,
    close: async () => {
      await stop();
      await store.close();
    },
  };
}
