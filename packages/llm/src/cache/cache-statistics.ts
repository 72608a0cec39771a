import type { TokenUsage } from "@quire/core";

/** What the cache did for one prompt since the process started. */
export interface CacheStatistics {
  prompt: string | undefined;
  hits: number;
  misses: number;
  /** Calls not looked up because their answers are not cached (sampled with temperature > 0). */
  skipped: number;
  /** Store reads or writes that failed (each turned into a miss or an unsaved answer). */
  storeErrors: number;
  /** Tokens the hits did not spend: the usage of the answers they reused. */
  savedInputTokens: number;
  savedOutputTokens: number;
  /** Dollars the hits did not spend, where the model table has a price. */
  savedCostUsd: number;
  /** Hits whose model has no price in the table (so not in `savedCostUsd`). */
  unpricedHits: number;
}

/** The counters behind `ResponseCache.statistics`, per prompt. */
export class CacheCounters {
  private readonly byPrompt = new Map<string | undefined, CacheStatistics>();

  of(prompt: string | undefined): CacheStatistics {
    const existing = this.byPrompt.get(prompt);
    return existing === undefined ? empty(prompt) : { ...existing };
  }

  all(): CacheStatistics[] {
    return [...this.byPrompt.values()].map((statistics) => ({ ...statistics }));
  }

  hit(
    prompt: string | undefined,
    usage: TokenUsage | undefined,
    costUsd: number | undefined,
  ): void {
    const counters = this.entry(prompt);
    counters.hits += 1;
    counters.savedInputTokens += usage?.inputTokens ?? 0;
    counters.savedOutputTokens += usage?.outputTokens ?? 0;
    if (costUsd === undefined) counters.unpricedHits += 1;
    else counters.savedCostUsd += costUsd;
  }

  missed(prompt: string | undefined): void {
    this.entry(prompt).misses += 1;
  }

  skipped(prompt: string | undefined): void {
    this.entry(prompt).skipped += 1;
  }

  storeFailed(prompt: string | undefined): void {
    this.entry(prompt).storeErrors += 1;
  }

  private entry(prompt: string | undefined): CacheStatistics {
    let counters = this.byPrompt.get(prompt);
    if (counters === undefined) {
      counters = empty(prompt);
      this.byPrompt.set(prompt, counters);
    }
    return counters;
  }
}

function empty(prompt: string | undefined): CacheStatistics {
  return {
    prompt,
    hits: 0,
    misses: 0,
    skipped: 0,
    storeErrors: 0,
    savedInputTokens: 0,
    savedOutputTokens: 0,
    savedCostUsd: 0,
    unpricedHits: 0,
  };
}
