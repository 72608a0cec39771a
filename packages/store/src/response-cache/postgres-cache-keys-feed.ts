import { type Kysely, sql } from "kysely";
import { listenOnPostgres } from "../changes/postgres-listener.js";
import {
  type CacheKeysEvent,
  cacheKeysChannel,
  decodeCacheKeysEvent,
  encodeCacheKeysEvent,
} from "./cache-keys-payload.js";
import type { SharedKnownKeys } from "./shared-known-keys.js";

/** The listening connection's application_name, visible in pg_stat_activity. */
export const cacheKeysListenerApplicationName = "quire-cache-keys-listener";

/**
 * Sends `event` on the cache-keys channel with `executor`: inside a transaction it is delivered
 * when the transaction commits, and not at all if it rolls back.
 */
export async function publishCacheKeysEvent(
  // biome-ignore lint/suspicious/noExplicitAny: any database or transaction, whatever its tables.
  executor: Kysely<any>,
  event: CacheKeysEvent,
): Promise<void> {
  const payloads = encodeCacheKeysEvent(event);
  if (payloads.length === 0) return;
  await sql`SELECT pg_notify(${cacheKeysChannel}, payload)
    FROM unnest(${payloads}::text[]) AS payload`.execute(executor);
}

/**
 * LISTEN on the cache-keys channel on its own connection (re-opened when it drops) and keep
 * `keys` told: every notification, the loss of the connection, and each time listening (re)starts
 * (the keys are then read again). Resolves once listening.
 */
export async function listenForCacheKeys(
  connectionString: string,
  keys: SharedKnownKeys,
): Promise<{ close(): Promise<void> }> {
  const listener = await listenOnPostgres({
    connectionString,
    channel: cacheKeysChannel,
    applicationName: cacheKeysListenerApplicationName,
    onNotification: (payload) => {
      const event = decodeCacheKeysEvent(payload);
      if (event !== undefined) keys.apply(event);
    },
    onResync: () => keys.listening(),
    onConnectionLost: () => keys.connectionLost(),
  });
  keys.listening();
  return listener;
}
