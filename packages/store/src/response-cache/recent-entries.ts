import type { CacheEntryFilter, StoredCachedResponse } from "./response-cache-storage.js";

/**
 * The most recently used exact-cache entries of this process, in front of the table — only
 * where this process is the table's one writer (PGlite: the data directory's lock keeps others
 * out), so a hit costs no query. Every write goes through the table that owns this, which keeps
 * it in step; `generation` moves on each write, so a read that raced a write does not put back
 * what the write replaced.
 */
export class RecentEntries {
  private readonly entries = new Map<string, StoredCachedResponse>();
  private writes = 0;

  constructor(private readonly maxEntries: number) {}

  get generation(): number {
    return this.writes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry, made most recent; undefined (and dropped) when absent or expired at `now`. */
  get(key: string, now: number): StoredCachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt !== undefined && entry.expiresAt <= now) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  /** Keeps an entry read from the table, unless a write happened since `generation`. */
  remember(key: string, entry: StoredCachedResponse, generation: number): void {
    if (generation === this.writes) this.put(key, entry);
  }

  /** A write of `key`: the new entry replaces whatever was kept. */
  written(key: string, entry: StoredCachedResponse): void {
    this.writes += 1;
    this.put(key, entry);
  }

  /** A write of `key` whose outcome is unknown: drops it, so the table is read again. */
  dropped(key: string): void {
    this.writes += 1;
    this.entries.delete(key);
  }

  /** A delete by filter: drops the matching entries. */
  deleted(filter: CacheEntryFilter): void {
    this.writes += 1;
    for (const [key, entry] of this.entries) {
      if (
        (filter.prompt === undefined || entry.prompt === filter.prompt) &&
        (filter.modelId === undefined || entry.modelId === filter.modelId)
      ) {
        this.entries.delete(key);
      }
    }
  }

  private put(key: string, entry: StoredCachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}
