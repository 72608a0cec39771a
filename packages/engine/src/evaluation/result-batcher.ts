import type { CellResult } from "./cell-result.js";
import type { EvalRunStorage } from "./eval-run-storage.js";

export interface ResultBatcherOptions {
  /** Saves once this many results are waiting (default 50). */
  batchSize?: number;
  /** …or once the oldest waiting result has waited this long (default 200 ms). */
  maxWaitMs?: number;
  /** Called once, with the first save that failed. */
  onFailure: (error: unknown) => void;
}

/**
 * Hands finished cells to `storage.save` in batches, one save at a time (each waits for the one
 * before). After a failed save nothing more is saved; `flush` rejects with that failure.
 */
export class ResultBatcher {
  private pending: CellResult[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failure: { error: unknown } | undefined;
  private readonly batchSize: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly storage: EvalRunStorage,
    private readonly options: ResultBatcherOptions,
  ) {
    this.batchSize = Math.max(1, options.batchSize ?? 50);
    this.maxWaitMs = Math.max(0, options.maxWaitMs ?? 200);
  }

  add(result: CellResult): void {
    if (this.failure !== undefined) return;
    this.pending.push(result);
    if (this.pending.length >= this.batchSize) this.startSave();
    else this.timer ??= setTimeout(() => this.startSave(), this.maxWaitMs);
  }

  /** Saves what is waiting and resolves when every save so far has finished. */
  async flush(): Promise<void> {
    this.startSave();
    await this.chain;
    if (this.failure !== undefined) throw this.failure.error;
  }

  private startSave(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0 || this.failure !== undefined) return;
    const batch = this.pending;
    this.pending = [];
    this.chain = this.chain.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.storage.save(batch);
      } catch (error) {
        this.failure = { error };
        this.options.onFailure(error);
      }
    });
  }
}
