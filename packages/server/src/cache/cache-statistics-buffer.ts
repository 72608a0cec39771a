import type { TokenUsage } from "@quire/core";
import type { CacheStatisticsIncrement, ResponseCacheStorage } from "@quire/store";

export interface CacheStatisticsBufferOptions {
  /** How often counts are added to the database (default 5 s). */
  flushIntervalMs?: number;
  /** Told when a flush fails (the counts are kept for the next one). */
  onFlushError?: (error: unknown) => void;
}

function emptyIncrement(prompt: string | undefined): CacheStatisticsIncrement {
  return {
    prompt,
    hits: 0,
    misses: 0,
    semanticHits: 0,
    semanticMisses: 0,
    skipped: 0,
    savedInputTokens: 0,
    savedOutputTokens: 0,
    savedCostUsd: 0,
    unpricedHits: 0,
  };
}

const counters = [
  "hits",
  "misses",
  "semanticHits",
  "semanticMisses",
  "skipped",
  "savedInputTokens",
  "savedOutputTokens",
  "savedCostUsd",
  "unpricedHits",
] as const satisfies ReadonlyArray<keyof CacheStatisticsIncrement>;

/**
 * The caches' counts of this process since the last flush, per prompt: a hit or a miss is an
 * addition in memory, and every few seconds (and at close, and before statistics are read) one
 * statement adds them all to the database, where every server's counts meet. A failed flush
 * keeps its counts for the next one.
 */
export class CacheStatisticsBuffer {
  private pending = new Map<string | undefined, CacheStatisticsIncrement>();
  private lastFlush: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly storage: Pick<ResponseCacheStorage, "addStatistics">,
    private readonly options: CacheStatisticsBufferOptions = {},
  ) {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.options.onFlushError?.(error));
    }, options.flushIntervalMs ?? 5_000);
    this.timer.unref();
  }

  /** A call answered from a cache: what its answer used is what the hit saved. */
  hit(
    prompt: string | undefined,
    kind: "exact" | "semantic",
    usage: TokenUsage | undefined,
    costUsd: number | undefined,
  ): void {
    const counts = this.of(prompt);
    if (kind === "exact") counts.hits += 1;
    else counts.semanticHits += 1;
    counts.savedInputTokens += usage?.inputTokens ?? 0;
    counts.savedOutputTokens += usage?.outputTokens ?? 0;
    if (costUsd === undefined) counts.unpricedHits += 1;
    else counts.savedCostUsd += costUsd;
  }

  missed(prompt: string | undefined, kind: "exact" | "semantic"): void {
    const counts = this.of(prompt);
    if (kind === "exact") counts.misses += 1;
    else counts.semanticMisses += 1;
  }

  skipped(prompt: string | undefined): void {
    this.of(prompt).skipped += 1;
  }

  /** Prompts with counts not yet written. */
  get pendingPrompts(): number {
    return this.pending.size;
  }

  /** Adds what was counted to the database; flushes run one after another. */
  flush(): Promise<void> {
    const flush = this.lastFlush.then(() => this.write());
    this.lastFlush = flush.catch(() => {});
    return flush;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const increments = [...this.pending.values()];
    this.pending = new Map();
    try {
      await this.storage.addStatistics(increments);
    } catch (error) {
      for (const increment of increments) {
        const counts = this.of(increment.prompt);
        for (const counter of counters) counts[counter] += increment[counter];
      }
      throw error;
    }
  }

  private of(prompt: string | undefined): CacheStatisticsIncrement {
    let counts = this.pending.get(prompt);
    if (counts === undefined) {
      counts = emptyIncrement(prompt);
      this.pending.set(prompt, counts);
    }
    return counts;
  }
}
