import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/index.js";

export interface IdempotencyStoreFactory {
  open(): Promise<Store>;
  cleanup?(): Promise<void>;
}

const scope = { projectId: "default", principal: "key:one" };

export function registerIdempotencyStoreSuite(factory: IdempotencyStoreFactory): void {
  let store: Store;
  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  describe("idempotency keys", () => {
    it("claims a new key, reports it in progress, then replays the stored answer", async () => {
      const keys = store.idempotency;
      expect(await keys.begin(scope, "k1", "f1")).toEqual({ state: "new" });
      expect(await keys.begin(scope, "k1", "f1")).toEqual({ state: "in-progress" });
      await keys.complete(scope, "k1", 201, { name: "a", version: 1 });
      expect(await keys.begin(scope, "k1", "f1")).toEqual({
        state: "replay",
        status: 201,
        body: { name: "a", version: 1 },
      });
    });

    it("refuses a key reused with another request, and keeps callers apart", async () => {
      const keys = store.idempotency;
      expect(await keys.begin(scope, "k2", "f1")).toEqual({ state: "new" });
      await keys.complete(scope, "k2", 200, {});
      expect(await keys.begin(scope, "k2", "other")).toEqual({ state: "mismatch" });
      const someoneElse = { projectId: "default", principal: "user:two" };
      expect(await keys.begin(someoneElse, "k2", "other")).toEqual({ state: "new" });
    });

    it("frees an abandoned key, and takes over expired or stale ones", async () => {
      const keys = store.idempotency;
      expect(await keys.begin(scope, "k3", "f")).toEqual({ state: "new" });
      await keys.abandon(scope, "k3");
      expect(await keys.begin(scope, "k3", "f")).toEqual({ state: "new" });
      // Still in progress a minute later: its server died, so a retry takes it over.
      const later = new Date(Date.now() + 61_000);
      expect(await keys.begin(scope, "k3", "f", { now: later })).toEqual({ state: "new" });
      await keys.complete(scope, "k3", 201, { done: true });
      const nextDay = new Date(Date.now() + 25 * 60 * 60 * 1000);
      expect(await keys.begin(scope, "k3", "changed", { now: nextDay })).toEqual({ state: "new" });
      // abandon never removes an answered record.
      await keys.complete(scope, "k3", 201, { done: 2 });
      await keys.abandon(scope, "k3");
      expect((await keys.begin(scope, "k3", "changed", { now: nextDay })).state).toBe("replay");
    });

    it("gives one of many concurrent claims the key", async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.idempotency.begin(scope, "race", "f")),
      );
      expect(results.filter((result) => result.state === "new")).toHaveLength(1);
      expect(results.filter((result) => result.state === "in-progress")).toHaveLength(7);
    });

    it("removes records older than a time", async () => {
      await store.idempotency.begin(scope, "old", "f", { now: new Date("2020-01-01T00:00:00Z") });
      expect(await store.idempotency.removeExpired(new Date("2021-01-01T00:00:00Z"))).toBe(1);
    });
  });
}
