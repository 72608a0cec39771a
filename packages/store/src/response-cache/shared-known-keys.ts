import type { CacheKeysEvent } from "./cache-keys-payload.js";
import { keyFingerprint } from "./key-fingerprint.js";

/** Reads the keys of live rows after `after` (key order), at most `limit` of them. */
export type LoadKeyPage = (after: string | undefined, limit: number) => Promise<string[]>;

export interface SharedKnownKeysOptions {
  loadPage: LoadKeyPage;
  /** Past this many keys the set turns off (every lookup reads the table) until a flush. */
  maxKeys: number;
  /** Keys read per query while loading (default 10,000). */
  pageSize?: number;
  /** Least time between a failed load and the next try, started by a lookup (default 1 s). */
  retryDelayMs?: number;
}

/**
 * The fingerprints of the keys in the exact cache's table, on a database several servers write
 * (PostgreSQL), so that a lookup of a key never written costs no query. It only ever answers
 * "surely not there" or "maybe": a hit is always read from the table, so a stale entry here can
 * cost a query but never serve a deleted answer.
 *
 * Kept true by the owner: `add` before this server writes a row, `apply` for every notification
 * of the cache-keys channel (other servers' writes and deletes, and this one's), `listening` once
 * LISTEN is up (at start and after each reconnect: the keys are read again, as notifications sent
 * meanwhile are lost), `connectionLost` when it drops (until the next load, every lookup reads the
 * table). A key another server wrote whose notification has not arrived yet is a miss.
 *
 * Memory: ~37 bytes a key (a 52-bit fingerprint in a `Set<number>`), so `maxKeys` 1,000,000 is
 * about 40 MB, 75 MB while the set grows its table.
 */
export class SharedKnownKeys {
  #fingerprints: Set<number> | undefined;
  #listening = false;
  #tooMany = false;
  /** Bumped by every (re)load and connection loss: a load of an older generation is dropped. */
  #generation = 0;
  #loading: Promise<void> | undefined;
  #lastFailure = Number.NEGATIVE_INFINITY;
  #addedWhileLoading = new Set<number>();
  #removedWhileLoading = new Set<number>();
  readonly #options: Required<SharedKnownKeysOptions>;

  constructor(options: SharedKnownKeysOptions) {
    this.#options = { pageSize: 10_000, retryDelayMs: 1_000, ...options };
  }

  /** False only when no row of `key` was in the table when this server last heard. */
  mayHold(key: string): boolean {
    const fingerprints = this.#fingerprints;
    if (fingerprints === undefined) {
      if (
        this.#listening &&
        !this.#tooMany &&
        this.#loading === undefined &&
        performance.now() - this.#lastFailure >= this.#options.retryDelayMs
      ) {
        this.#reload();
      }
      return true;
    }
    return fingerprints.has(keyFingerprint(key));
  }

  /** This server is about to write the row of `key`. */
  add(key: string): void {
    this.#add([keyFingerprint(key)]);
  }

  /** A notification of the cache-keys channel. */
  apply(event: CacheKeysEvent): void {
    switch (event.kind) {
      case "added":
        this.#add(event.fingerprints);
        return;
      case "removed":
        this.#remove(event.fingerprints);
        return;
      case "cleared":
        // Every row that was in the table is gone; rows written after are notified after this.
        if (!this.#listening) return;
        this.#generation += 1;
        this.#loading = undefined;
        this.#tooMany = false;
        this.#clearPending();
        this.#fingerprints = new Set();
        return;
      case "reload":
        if (this.#listening) this.#reload();
        return;
      default: {
        const unexpected: never = event;
        throw new Error(`unknown cache-keys event ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** LISTEN is up (again): reads every key, as notifications may have been lost. */
  listening(): void {
    this.#listening = true;
    this.#tooMany = false;
    this.#reload();
  }

  /** The listening connection dropped: answer "maybe" until it is back and the keys reloaded. */
  connectionLost(): void {
    this.#listening = false;
    this.#generation += 1;
    this.#loading = undefined;
    this.#fingerprints = undefined;
    this.#clearPending();
  }

  /** Whether lookups of keys never written are answered without a query now. */
  get active(): boolean {
    return this.#fingerprints !== undefined;
  }

  get size(): number {
    return this.#fingerprints?.size ?? 0;
  }

  /** Resolves when the load under way (if any) is done (tests, and the store's start). */
  async ready(): Promise<void> {
    while (this.#loading !== undefined) {
      const loading = this.#loading;
      await loading;
      if (this.#loading === loading) return;
    }
  }

  #add(fingerprints: readonly number[]): void {
    const set = this.#fingerprints;
    if (set !== undefined) {
      for (const fingerprint of fingerprints) set.add(fingerprint);
      if (set.size > this.#options.maxKeys) this.#turnOff();
    } else if (this.#loading !== undefined) {
      for (const fingerprint of fingerprints) {
        this.#addedWhileLoading.add(fingerprint);
        this.#removedWhileLoading.delete(fingerprint);
      }
    }
  }

  #remove(fingerprints: readonly number[]): void {
    const set = this.#fingerprints;
    if (set !== undefined) {
      for (const fingerprint of fingerprints) set.delete(fingerprint);
    } else if (this.#loading !== undefined) {
      for (const fingerprint of fingerprints) {
        this.#addedWhileLoading.delete(fingerprint);
        this.#removedWhileLoading.add(fingerprint);
      }
    }
  }

  #turnOff(): void {
    this.#tooMany = true;
    this.#generation += 1;
    this.#loading = undefined;
    this.#fingerprints = undefined;
    this.#clearPending();
  }

  #clearPending(): void {
    this.#addedWhileLoading = new Set();
    this.#removedWhileLoading = new Set();
  }

  #reload(): void {
    this.#generation += 1;
    const generation = this.#generation;
    this.#fingerprints = undefined;
    this.#clearPending();
    const loading = this.#load(generation).catch(() => {
      if (this.#generation !== generation) return;
      this.#lastFailure = performance.now();
      this.#loading = undefined;
      this.#clearPending();
    });
    this.#loading = loading;
  }

  async #load(generation: number): Promise<void> {
    const { loadPage, pageSize, maxKeys } = this.#options;
    const loaded = new Set<number>();
    let after: string | undefined;
    for (;;) {
      const page = await loadPage(after, pageSize);
      if (this.#generation !== generation) return;
      for (const key of page) loaded.add(keyFingerprint(key));
      if (loaded.size > maxKeys) {
        this.#turnOff();
        return;
      }
      after = page.at(-1);
      if (page.length < pageSize || after === undefined) break;
    }
    for (const fingerprint of this.#removedWhileLoading) loaded.delete(fingerprint);
    for (const fingerprint of this.#addedWhileLoading) loaded.add(fingerprint);
    this.#clearPending();
    this.#loading = undefined;
    this.#fingerprints = loaded;
    if (loaded.size > maxKeys) this.#turnOff();
  }
}
