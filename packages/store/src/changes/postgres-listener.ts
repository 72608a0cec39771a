import pg from "pg";

const firstRetryDelayMilliseconds = 100;
const longestRetryDelayMilliseconds = 5_000;

export interface PostgresListenerOptions {
  connectionString: string;
  channel: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  onNotification(payload: string | undefined): void;
  /** After a reconnect: notifications sent while the connection was down are lost. */
  onResync(): void;
  /** The connection dropped (not on `close`): notifications are lost until `onResync`. */
  onConnectionLost?(): void;
}

/**
 * LISTEN on one dedicated connection, re-opened with backoff (100 ms doubling to 5 s) when it
 * drops; `onResync` tells the owner to drop whatever it cached. Resolves once listening.
 */
export async function listenOnPostgres(
  options: PostgresListenerOptions,
): Promise<{ close(): Promise<void> }> {
  let client: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = firstRetryDelayMilliseconds;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString: options.connectionString,
      application_name: options.applicationName,
      keepAlive: true,
    });
    candidate.on("error", () => {
      // A dropped connection also emits "end", which schedules the reconnect.
    });
    candidate.on("notification", (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload);
    });
    candidate.on("end", () => {
      if (client === candidate) client = undefined;
      if (closed) return;
      options.onConnectionLost?.();
      scheduleReconnect();
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${options.channel}`);
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
        retryDelay = firstRetryDelayMilliseconds;
        options.onResync();
      } catch {
        retryDelay = Math.min(retryDelay * 2, longestRetryDelayMilliseconds);
        scheduleReconnect();
      }
    }, retryDelay);
    retryTimer.unref();
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
