import type { AccessStore } from "@quire/store";
import { LRUCache } from "lru-cache";

/** Each project's protected labels, read from the store and kept a few seconds. */
export class ProtectedLabels {
  private readonly cache: LRUCache<string, { labels: ReadonlySet<string> }>;
  /** Stops listening for settings changes. */
  readonly close: () => void;

  constructor(
    private readonly access: AccessStore,
    ttlMilliseconds = 5_000,
  ) {
    this.cache = new LRUCache({ max: 1_000, ttl: ttlMilliseconds });
    // A settings change on any server reaches this one at once.
    this.close = access.subscribe(() => this.cache.clear());
  }

  /** Forgets what was read (after a settings change on this server). */
  clear(): void {
    this.cache.clear();
  }

  async of(projectId: string): Promise<ReadonlySet<string>> {
    const cached = this.cache.get(projectId);
    if (cached !== undefined) return cached.labels;
    const project = await this.access.getProject(projectId);
    // A project that is gone protects the default label, never less.
    const labels = new Set(project?.protectedLabels ?? ["production"]);
    this.cache.set(projectId, { labels });
    return labels;
  }
}
