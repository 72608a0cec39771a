import { randomUUID } from "node:crypto";
import type { ExecutionStore, NewExecutionRecord } from "@quire/store";
import { BufferedContent } from "./buffered-content.js";
import { insertIsolatingBadRecords } from "./insert-isolating-bad-records.js";

/** Where the writer reports trouble (Fastify's logger fits). */
export interface ExecutionLogWriterLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface ExecutionLogWriterOptions {
  /** Records per insert (default 500). A full batch is flushed at once. */
  batchSize?: number;
  /** A partial batch is flushed this long after its first record (default 1,000 ms). */
  flushIntervalMs?: number;
  /**
   * Most records held in memory, waiting or being written (default 100,000, about 100 MB at
   * 1 KB a record). When full, `log` drops the new record, counts it in `dropped` and warns
   * (at most once every 10 s): the run path never waits and memory stays bounded while the
   * database is unreachable.
   */
  maxBufferedRecords?: number;
  /**
   * Most memory the buffered records' variables and output text may take (default 64 MB,
   * estimated from their lengths). Past it, new records are still logged but without their
   * content (`contentTruncated`), with a warning at most once every 10 s.
   */
  maxBufferedContentBytes?: number;
  /** First wait before retrying a failed flush (default 100 ms); doubles, with jitter. */
  retryInitialDelayMs?: number;
  /** Longest wait between retries (default 5,000 ms). */
  retryMaxDelayMs?: number;
  /**
   * On `close`, how long the writer keeps retrying while no flush succeeds (default 5,000 ms);
   * a close that is making progress is never cut short. What is still buffered after that is
   * reported as lost in the error log.
   */
  closeRetryMs?: number;
  logger?: ExecutionLogWriterLogger;
}

export interface ExecutionLogWriterStats {
  /** Records waiting or being written. */
  buffered: number;
  /** Records stored (or found already stored). */
  written: number;
  /** Records dropped because the buffer was full or the writer closed. */
  dropped: number;
  /** Records the database refused on their own (logged with the reason). */
  refused: number;
  /** Flush attempts that failed and were retried. */
  failedFlushes: number;
}

const silentLogger: ExecutionLogWriterLogger = { warn: () => {}, error: () => {} };
const dropWarningIntervalMs = 10_000;

/**
 * Buffers execution records and writes them in batches, so that the run path never waits on
 * the database: `log` returns at once with the execution's id (assigned here, with the record's
 * time, so that feedback can refer to it and a retried insert stores nothing twice).
 *
 * Flushes when a batch is full or `flushIntervalMs` after a batch's first record, one insert at
 * a time (one multi-row statement each). A failed flush is retried with exponential backoff and
 * jitter, keeping its records; a record the database refuses for its data is isolated, logged
 * and dropped alone. `close` (called when the server shuts down, before the store closes)
 * flushes everything buffered. Bounded memory: see `maxBufferedRecords`.
 */
export class ExecutionLogWriter {
  readonly #store: Pick<ExecutionStore, "insertExecutions">;
  readonly #batchSize: number;
  readonly #flushIntervalMs: number;
  readonly #maxBufferedRecords: number;
  readonly #retryInitialDelayMs: number;
  readonly #retryMaxDelayMs: number;
  readonly #closeRetryMs: number;
  readonly #logger: ExecutionLogWriterLogger;

  /** Full batches waiting, oldest first; the first may be being written. */
  readonly #sealed: NewExecutionRecord[][] = [];
  #filling: NewExecutionRecord[] = [];
  #buffered = 0;
  #timer: NodeJS.Timeout | undefined;
  #draining: Promise<void> | undefined;
  #drainScheduled = false;
  #closing: Promise<void> | undefined;
  #closed = false;
  #closedAt = 0;
  #abandoned = false;
  #lastDropWarning = 0;
  #lastContentWarning = 0;
  readonly #content: BufferedContent;
  /** Ends the current wait between retries early (on close). */
  #wakeUp: (() => void) | undefined;
  readonly #stats = { written: 0, dropped: 0, refused: 0, failedFlushes: 0 };

  constructor(
    store: Pick<ExecutionStore, "insertExecutions">,
    options: ExecutionLogWriterOptions = {},
  ) {
    this.#store = store;
    this.#batchSize = positive(options.batchSize ?? 500, "batchSize");
    this.#flushIntervalMs = positive(options.flushIntervalMs ?? 1_000, "flushIntervalMs");
    this.#maxBufferedRecords = positive(
      options.maxBufferedRecords ?? 100_000,
      "maxBufferedRecords",
    );
    this.#retryInitialDelayMs = positive(options.retryInitialDelayMs ?? 100, "retryInitialDelayMs");
    this.#retryMaxDelayMs = positive(options.retryMaxDelayMs ?? 5_000, "retryMaxDelayMs");
    this.#closeRetryMs = positive(options.closeRetryMs ?? 5_000, "closeRetryMs");
    this.#logger = options.logger ?? silentLogger;
    this.#content = new BufferedContent(
      positive(options.maxBufferedContentBytes ?? 64 * 1024 * 1024, "maxBufferedContentBytes"),
    );
  }

  /**
   * Queues a record and returns its execution id at once, or undefined when the record was
   * dropped (buffer full, or the writer is closed). Never waits, never throws for the database.
   */
  log(record: Omit<NewExecutionRecord, "id">): string | undefined {
    if (this.#closed || this.#buffered >= this.#maxBufferedRecords) {
      this.#drop();
      return undefined;
    }
    const id = randomUUID();
    const admitted = this.#content.admit({
      ...record,
      id,
      createdAt: record.createdAt ?? new Date().toISOString(),
    });
    if (admitted.stripped) this.#warnContentDropped();
    this.#filling.push(admitted.record);
    this.#buffered += 1;
    if (this.#filling.length >= this.#batchSize) {
      this.#seal();
      this.#drainSoon();
    } else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#seal();
        this.#drain();
      }, this.#flushIntervalMs);
      this.#timer.unref();
    }
    return id;
  }

  /** Writes everything logged so far; resolves when it is stored (retrying as needed). */
  async flush(): Promise<void> {
    this.#seal();
    while (this.#sealed.length > 0 && !this.#abandoned) await this.#drain();
  }

  /**
   * Stops accepting records and flushes everything buffered, retrying failures for up to
   * `closeRetryMs` without progress. Idempotent.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#closed = true;
      this.#closedAt = Date.now();
      this.#wakeUp?.();
      await this.flush();
      if (this.#buffered > 0) {
        this.#logger.error(
          { lost: this.#buffered },
          `execution log: the database kept failing for ${this.#closeRetryMs} ms while closing; ${this.#buffered} buffered execution records were not stored`,
        );
        this.#stats.dropped += this.#buffered;
        this.#buffered = 0;
        this.#sealed.length = 0;
        this.#content.clear();
      }
    })();
    return this.#closing;
  }

  stats(): ExecutionLogWriterStats {
    return { buffered: this.#buffered, ...this.#stats };
  }

  #seal(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#filling.length === 0) return;
    this.#sealed.push(this.#filling);
    this.#filling = [];
  }

  /**
   * Starts the write loop on the next turn of the event loop, so that `log` stays O(1) (the
   * insert's own preparation of 500 records takes a millisecond or two).
   */
  #drainSoon(): void {
    if (this.#draining !== undefined || this.#drainScheduled) return;
    this.#drainScheduled = true;
    setImmediate(() => {
      this.#drainScheduled = false;
      void this.#drain();
    });
  }

  /** Starts the write loop unless it runs; returns the running loop. */
  #drain(): Promise<void> {
    this.#draining ??= this.#writeSealedBatches().finally(() => {
      this.#draining = undefined;
    });
    return this.#draining;
  }

  async #writeSealedBatches(): Promise<void> {
    let delay = this.#retryInitialDelayMs;
    let lastProgress = Date.now();
    for (let batch = this.#sealed[0]; batch !== undefined; batch = this.#sealed[0]) {
      try {
        await this.#write(batch);
        this.#sealed.shift();
        this.#buffered -= batch.length;
        this.#content.release(batch);
        delay = this.#retryInitialDelayMs;
        lastProgress = Date.now();
      } catch (error) {
        this.#stats.failedFlushes += 1;
        let wait = delay * (0.5 + Math.random() / 2);
        if (this.#closed) {
          const left = Math.max(lastProgress, this.#closedAt) + this.#closeRetryMs - Date.now();
          if (left <= 0) {
            this.#abandoned = true;
            return;
          }
          wait = Math.min(wait, left);
        }
        this.#logger.warn(
          { err: error, records: batch.length, retryInMs: Math.round(wait) },
          "execution log: a flush failed; retrying",
        );
        await this.#sleep(wait);
        delay = Math.min(delay * 2, this.#retryMaxDelayMs);
      }
    }
  }

  async #write(batch: NewExecutionRecord[]): Promise<void> {
    const { outcomes, refused } = await insertIsolatingBadRecords(
      this.#store,
      batch.map((record, index) => ({ index, record })),
    );
    this.#stats.written += outcomes.size;
    this.#stats.refused += refused.length;
    for (const { index, error } of refused) {
      this.#logger.error(
        { err: error, execution: batch[index]?.id, prompt: batch[index]?.promptName },
        "execution log: the database refused an execution record; it was dropped",
      );
    }
  }

  #sleep(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, milliseconds);
      timer.unref();
      this.#wakeUp = done;
    });
  }

  #warnContentDropped(): void {
    const now = Date.now();
    if (now - this.#lastContentWarning < dropWarningIntervalMs) return;
    this.#lastContentWarning = now;
    this.#logger.warn(
      { bufferedContentBytes: this.#content.bytes, limit: this.#content.maximumBytes },
      "execution log: buffered variables and output fill their memory budget (is the database slow or down?); new records are logged without them",
    );
  }

  #drop(): void {
    this.#stats.dropped += 1;
    const now = Date.now();
    if (now - this.#lastDropWarning >= dropWarningIntervalMs) {
      this.#lastDropWarning = now;
      this.#logger.warn(
        { dropped: this.#stats.dropped, buffered: this.#buffered },
        this.#closed
          ? "execution log: a record was logged after the writer closed; it was dropped"
          : `execution log: the buffer is full (${this.#maxBufferedRecords} records; is the database down?); new records are dropped`,
      );
    }
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `ExecutionLogWriter option ${name} must be a positive number; got ${value}.`,
    );
  }
  return value;
}
