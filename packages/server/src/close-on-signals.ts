import type { FastifyBaseLogger } from "fastify";

const signals: NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

/**
 * Graceful shutdown: on SIGTERM or SIGINT, runs `close` (stop accepting, finish requests in
 * flight, close the store), then hands the signal back to Node's default behaviour so the
 * process ends as a signalled process should. A second signal ends it at once (the listener is
 * gone by then); a close that takes longer than `timeoutMilliseconds` ends it with exit code 1.
 * Returns a function that removes the listeners (call it when closing for another reason).
 */
export function closeOnSignals(
  close: () => Promise<void>,
  log: FastifyBaseLogger,
  timeoutMilliseconds = 10_000,
): () => void {
  const remove = () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
  function onSignal(signal: NodeJS.Signals): void {
    remove();
    log.info(`${signal} received: closing (send it again to stop at once)`);
    const timer = setTimeout(() => {
      log.error(`still closing ${timeoutMilliseconds} ms after ${signal}; exiting now`);
      process.exit(1);
    }, timeoutMilliseconds);
    timer.unref();
    close().then(
      () => {
        clearTimeout(timer);
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      },
      (error: unknown) => {
        log.error({ err: error }, "error while closing");
        process.exit(1);
      },
    );
  }
  for (const signal of signals) process.on(signal, onSignal);
  return remove;
}
