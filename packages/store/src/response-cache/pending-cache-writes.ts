/**
 * Answers waiting to be written to the exact cache's table, so many are written by one
 * statement: `add` queues a row (a later row for the same key replaces the earlier one, as the
 * upsert would) and resolves once the statement holding it ran; the owner writes a batch when
 * `maxRows` wait or `delayMs` after the first one was queued, one batch at a time.
 */
export class PendingCacheWrites<Row extends { key: string }> {
  private rows = new Map<string, { row: Row; waiters: Array<(error?: unknown) => void> }>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: Row[]) => Promise<void>,
    private readonly options: { maxRows: number; delayMs: number },
  ) {}

  get size(): number {
    return this.rows.size;
  }

  add(row: Row): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter = (error?: unknown) => (error === undefined ? resolve() : reject(error));
      const queued = this.rows.get(row.key);
      // Re-inserted at the end: the batch keeps the order in which keys were last written.
      this.rows.delete(row.key);
      this.rows.set(row.key, { row, waiters: [...(queued?.waiters ?? []), waiter] });
      if (this.rows.size >= this.options.maxRows) void this.flush();
      else if (this.timer === undefined) {
        this.timer = setTimeout(() => void this.flush(), this.options.delayMs);
        this.timer.unref?.();
      }
    });
  }

  /** Writes everything queued so far (after a batch already running); never rejects. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const batch = this.rows;
    this.rows = new Map();
    this.running = this.running.then(async () => {
      if (batch.size === 0) return;
      const entries = [...batch.values()];
      try {
        await this.write(entries.map((entry) => entry.row));
        for (const entry of entries) for (const waiter of entry.waiters) waiter();
      } catch (error) {
        for (const entry of entries) for (const waiter of entry.waiters) waiter(error);
      }
    });
    return this.running;
  }
}
