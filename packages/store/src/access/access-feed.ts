import { sql, type Transaction } from "kysely";
import { ListenerSet } from "../changes/listener-set.js";
import { listenOnPostgres } from "../changes/postgres-listener.js";
import type { AccessEvent } from "./access-store.js";

export const accessChannel = "quire_access";

/**
 * How access events (a key revoked) reach every server on the database. PostgreSQL: NOTIFY in the
 * write's transaction (delivered on commit) and LISTEN on one dedicated connection, re-opened
 * when it drops (then `resync`: drop every cached key). PGlite: one process only, so an
 * in-process emitter after commit.
 */
export interface AccessFeed {
  publishInTransaction<Schema>(transaction: Transaction<Schema>, event: AccessEvent): Promise<void>;
  afterCommit(event: AccessEvent): void;
  subscribe(listener: (event: AccessEvent) => void): () => void;
  close(): Promise<void>;
}

function decode(payload: string | undefined): AccessEvent | undefined {
  try {
    const value = JSON.parse(payload ?? "") as { kind?: unknown; keyId?: unknown };
    if (value.kind === "key-revoked" && typeof value.keyId === "string") {
      return { kind: "key-revoked", keyId: value.keyId };
    }
    if (value.kind === "sessions-ended") return { kind: "sessions-ended" };
    const project = (value as { projectId?: unknown }).projectId;
    if (value.kind === "project-updated" && typeof project === "string") {
      return { kind: "project-updated", projectId: project };
    }
  } catch {
    // A payload this version does not understand: ignored.
  }
  return undefined;
}

export function createInProcessAccessFeed(): AccessFeed {
  const listeners = new ListenerSet<AccessEvent>("access");
  return {
    publishInTransaction: async () => {},
    afterCommit: (event) => listeners.emit(event),
    subscribe: (listener) => listeners.add(listener),
    close: async () => listeners.clear(),
  };
}

export async function createPostgresAccessFeed(connectionString: string): Promise<AccessFeed> {
  const listeners = new ListenerSet<AccessEvent>("access");
  const listener = await listenOnPostgres({
    connectionString,
    channel: accessChannel,
    applicationName: "quire-access-listener",
    onNotification: (payload) => {
      const event = decode(payload);
      if (event !== undefined) listeners.emit(event);
    },
    onResync: () => listeners.emit({ kind: "resync" }),
  });
  return {
    publishInTransaction: async (transaction, event) => {
      await sql`SELECT pg_notify(${accessChannel}, ${JSON.stringify(event)})`.execute(transaction);
    },
    afterCommit: () => {},
    subscribe: (listener) => listeners.add(listener),
    close: async () => {
      listeners.clear();
      await listener.close();
    },
  };
}
