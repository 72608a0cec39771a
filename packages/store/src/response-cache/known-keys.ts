/**
 * Every key the exact cache's table may hold, kept by a process that is the table's one writer
 * (PGlite), so a lookup of a key never written costs no query. "May": keys whose rows were
 * deleted or expired stay until the next reload, and such a lookup just reads the table. A key
 * is added before its row is written, and keys added while the set loads are kept, so a key
 * that is in the table is never missing here once `ready`.
 */
export class KnownKeys {
  private keys: Set<string> | undefined;
  private addedWhileLoading = new Set<string>();
  private loading: Promise<void> | undefined;
  private turnedOff = false;

  constructor(
    /** Lists the table's keys, after writing the rows queued before it was called. */
    private readonly loadKeys: (limit: number) => Promise<string[]>,
    /** Past this many keys the set is reloaded from the table; a table this big turns it off. */
    private readonly maxKeys: number,
  ) {}

  /** True unless the key was surely never written (true while loading or when turned off). */
  mayHold(key: string): boolean {
    if (this.turnedOff) return true;
    if (this.keys === undefined) {
      this.startLoading();
      return true;
    }
    return this.keys.has(key);
  }

  add(key: string): void {
    if (this.turnedOff) return;
    if (this.keys !== undefined) {
      this.keys.add(key);
      if (this.keys.size > this.maxKeys) this.reload();
    } else this.addedWhileLoading.add(key);
  }

  /** Whether lookups are answered from the set now (loaded, and not turned off). */
  get active(): boolean {
    return this.keys !== undefined && !this.turnedOff;
  }

  /** Loads now (tests; the first lookup also starts it). */
  async ready(): Promise<void> {
    this.startLoading();
    await this.loading;
  }

  private reload(): void {
    this.keys = undefined;
    this.loading = undefined;
    this.startLoading();
  }

  private startLoading(): void {
    if (this.loading !== undefined || this.turnedOff) return;
    const loading = this.loadKeys(this.maxKeys + 1).then(
      (loaded) => {
        if (this.loading !== loading) return;
        if (loaded.length > this.maxKeys) {
          // A table this big: every lookup reads it, as without this set.
          this.turnedOff = true;
          this.addedWhileLoading = new Set();
          return;
        }
        const keys = new Set(loaded);
        for (const key of this.addedWhileLoading) keys.add(key);
        this.addedWhileLoading = new Set();
        this.keys = keys;
      },
      () => {
        if (this.loading === loading) this.loading = undefined;
      },
    );
    this.loading = loading;
  }
}
