import { sql, type Transaction } from "kysely";
import pg from "pg";
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

/** Subscribers; one that throws does not keep the others from their event. */
class AccessListeners {
  readonly #listeners = new Set<(event: AccessEvent) => void>();
  add(listener: (event: AccessEvent) => void): () => void {
    const entry = (event: AccessEvent) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }
  emit(event: AccessEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error("An access listener threw; the other listeners still ran.", error);
      }
    }
  }
  clear(): void {
    this.#listeners.clear();
  }
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
  const listeners = new AccessListeners();
  return {
    publishInTransaction: async () => {},
    afterCommit: (event) => listeners.emit(event),
    subscribe: (listener) => listeners.add(listener),
    close: async () => listeners.clear(),
  };
}

export async function createPostgresAccessFeed(connectionString: string): Promise<AccessFeed> {
  const listeners = new AccessListeners();
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = 100;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString,
      application_name: "quire-access-listener",
      keepAlive: true,
    });
    candidate.on("error", () => {
      // "end" follows and schedules the reconnect.
    });
    candidate.on("notification", (message) => {
      if (message.channel !== accessChannel) return;
      const event = decode(message.payload);
      if (event !== undefined) listeners.emit(event);
    });
    candidate.on("end", () => {
      if (client === candidate) client = undefined;
      if (!closed) scheduleReconnect();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${accessChannel}`);
    } catch (error) {
      candidate.removeAllListeners("end");
      await candidate.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
  };

  const scheduleReconnect = () => {
    if (retryTimer !== undefined || closed) return;
    retryTimer = setTimeout(async () => {
      retryTimer = undefined;
      try {
        await connect();
        retryDelay = 100;
        listeners.emit({ kind: "resync" });
      } catch {
        retryDelay = Math.min(retryDelay * 2, 5_000);
        scheduleReconnect();
      }
    }, retryDelay);
    retryTimer.unref();
  };

  await connect();
  return {
    publishInTransaction: async (transaction, event) => {
      await sql`SELECT pg_notify(${accessChannel}, ${JSON.stringify(event)})`.execute(transaction);
    },
    afterCommit: () => {},
    subscribe: (listener) => listeners.add(listener),
    close: async () => {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      listeners.clear();
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
