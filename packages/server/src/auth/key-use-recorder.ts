import type { AccessStore } from "@quire/store";

/**
 * Collects which keys were used and writes their last use for all of them in one statement
 * every interval (and at close), so that authenticating stays a read: a busy key costs one
 * write per interval, not one per request.
 */
export class KeyUseRecorder {
  private pending = new Map<string, Date>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly access: AccessStore,
    intervalMilliseconds: number,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMilliseconds);
    this.timer.unref();
  }

  record(keyId: string): void {
    this.pending.set(keyId, new Date());
  }

  /** Writes what was collected; a failed write is retried with the next batch. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.access.recordKeyUses(batch);
      } catch {
        for (const [id, time] of batch) if (!this.pending.has(id)) this.pending.set(id, time);
      }
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
