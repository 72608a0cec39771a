/**
 * Hits counted per cache row between two flushes, so a hit costs no write: the store adds them
 * to the rows in one statement per flush. Holds at most `maxKeys` rows; past that, `add` asks
 * for a flush (returns true).
 */
export class EntryHitBuffer {
  private pending = new Map<string, { hits: number; lastHitAt: number }>();

  constructor(private readonly maxKeys = 10_000) {}

  get size(): number {
    return this.pending.size;
  }

  /** Counts one hit on `key` at `time`; true when the buffer is full and should be flushed. */
  add(key: string, time: number): boolean {
    const counted = this.pending.get(key);
    if (counted === undefined) this.pending.set(key, { hits: 1, lastHitAt: time });
    else {
      counted.hits += 1;
      counted.lastHitAt = Math.max(counted.lastHitAt, time);
    }
    return this.pending.size >= this.maxKeys;
  }

  /** Everything counted so far, emptying the buffer. */
  take(): Array<{ key: string; hits: number; lastHitAt: number }> {
    const taken = [...this.pending].map(([key, counted]) => ({ key, ...counted }));
    this.pending = new Map();
    return taken;
  }

  /** Puts back counts whose write failed, to be written with the next flush. */
  restore(counts: ReadonlyArray<{ key: string; hits: number; lastHitAt: number }>): void {
    for (const { key, hits, lastHitAt } of counts) {
      const counted = this.pending.get(key);
      if (counted === undefined) this.pending.set(key, { hits, lastHitAt });
      else {
        counted.hits += hits;
        counted.lastHitAt = Math.max(counted.lastHitAt, lastHitAt);
      }
    }
  }
}
