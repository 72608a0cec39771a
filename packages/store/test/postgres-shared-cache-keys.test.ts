import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store, type StoredCachedResponse } from "../src/index.js";
import { cacheKeysListenerApplicationName } from "../src/response-cache/postgres-cache-keys-feed.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";
import { answer } from "./response-cache-storage.suite.js";

const adminUrl = postgresTestDatabaseUrl();

/**
 * Two servers' stores on one database: each keeps the exact cache's keys, so a miss costs no
 * query, and learns the other's writes and deletes by NOTIFY. A row inserted with plain SQL (no
 * notification) shows which answer came from memory: served only if the table was read.
 */
describe.runIf(adminUrl !== undefined)("exact-cache keys shared by stores on PostgreSQL", () => {
  let database: PostgresTestDatabase;
  let first: Store;
  let second: Store;
  let admin: pg.Client;
  let counter = 0;
  const unique = (stem: string) => {
    counter += 1;
    return `${stem}-${counter}-${Math.random().toString(16).slice(2, 10)}`;
  };
  const entry = (prompt: string, modelId = "local/echo"): StoredCachedResponse => ({
    result: answer(`answer of ${prompt}`),
    modelId,
    prompt,
    createdAt: Date.now(),
    expiresAt: undefined,
  });
  /** Writes a row behind the stores' backs: no notification. */
  const insertSilently = (key: string) =>
    admin.query(
      `INSERT INTO response_cache_entries (key, value, model, prompt, created_at, expires_at)
       VALUES ($1, $2, 'local/echo', 'silent', now(), NULL)`,
      [key, JSON.stringify(answer("silent"))],
    );
  const untilActive = async (store: Store, active: boolean) => {
    const started = performance.now();
    while (store.responseCache.knownKeys.active() !== active) {
      if (performance.now() - started > 10_000) throw new Error(`knownKeys never became ${active}`);
      await delay(1);
    }
  };

  beforeAll(async () => {
    database = await createPostgresTestDatabase(adminUrl ?? "");
    first = await openStore({ databaseUrl: database.url });
    second = await openStore({ databaseUrl: database.url });
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await untilActive(first, true);
    await untilActive(second, true);
  });
  afterAll(async () => {
    await admin?.end();
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it("answers a key never written from memory, and a write on one store is a hit on the other", async () => {
    const silent = unique("silent");
    await insertSilently(silent);
    // Neither store read the table: the row was never announced.
    expect(await first.responseCache.exact.get(silent)).toBeUndefined();
    expect(await second.responseCache.exact.get(silent)).toBeUndefined();

    const key = unique("shared");
    await first.responseCache.exact.set(key, entry("shared/prompt"));
    expect((await first.responseCache.exact.get(key))?.result.text).toBe("answer of shared/prompt");
    await expect
      .poll(async () => (await second.responseCache.exact.get(key))?.result.text, { interval: 5 })
      .toBe("answer of shared/prompt");
  });

  it("removes invalidated answers from every store before invalidate answers: by prompt, by model, all", async () => {
    const keys = { prompt: unique("by-prompt"), model: unique("by-model"), kept: unique("kept") };
    const prompt = unique("invalidated/prompt");
    const model = unique("local/invalidated");
    await first.responseCache.exact.set(keys.prompt, entry(prompt));
    await first.responseCache.exact.set(keys.model, entry("other/prompt", model));
    await first.responseCache.exact.set(keys.kept, entry("other/prompt"));
    for (const key of Object.values(keys)) {
      await expect.poll(() => second.responseCache.exact.get(key), { interval: 5 }).toBeDefined();
    }

    expect(await second.responseCache.invalidate({ prompt })).toEqual({ exact: 1, semantic: 0 });
    expect(await first.responseCache.exact.get(keys.prompt)).toBeUndefined();
    expect(await first.responseCache.exact.get(keys.model)).toBeDefined();

    expect((await first.responseCache.invalidate({ modelId: model })).exact).toBe(1);
    expect(await second.responseCache.exact.get(keys.model)).toBeUndefined();
    expect(await first.responseCache.exact.get(keys.kept)).toBeDefined();

    // Through the exact cache's own delete too (no transaction), then everything.
    const viaDelete = unique("via-delete");
    await second.responseCache.exact.set(viaDelete, entry("deleted/prompt"));
    await expect
      .poll(() => first.responseCache.exact.get(viaDelete), { interval: 5 })
      .toBeDefined();
    expect(await second.responseCache.exact.delete({ prompt: "deleted/prompt" })).toBe(1);
    expect(await first.responseCache.exact.get(viaDelete)).toBeUndefined();

    expect((await second.responseCache.invalidate({})).exact).toBeGreaterThanOrEqual(1);
    for (const store of [first, second]) {
      expect(await store.responseCache.exact.get(keys.kept)).toBeUndefined();
    }
    // The removals reached both sets: a key written silently again is still a miss from memory.
    await insertSilently(keys.kept);
    await expect
      .poll(() => first.responseCache.exact.get(keys.kept), { interval: 5 })
      .toBeUndefined();
    // And the stores keep learning writes after a flush.
    const after = unique("after-flush");
    await second.responseCache.exact.set(after, entry("after/prompt"));
    await expect.poll(() => first.responseCache.exact.get(after), { interval: 5 }).toBeDefined();
  });

  it("reads the table while its listener is down, and reloads the keys when it is back", async () => {
    const terminated = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
      [cacheKeysListenerApplicationName],
    );
    expect(terminated.rowCount).toBe(2);
    await untilActive(second, false);
    const whileDown = unique("while-down");
    await insertSilently(whileDown);
    // No notification can arrive: the table is read (or, once back, the keys were reloaded).
    expect((await second.responseCache.exact.get(whileDown))?.result.text).toBe("silent");

    await untilActive(first, true);
    await untilActive(second, true);
    expect(await first.responseCache.exact.get(whileDown)).toBeDefined();
    const afterReload = unique("after-reload");
    await insertSilently(afterReload);
    expect(await first.responseCache.exact.get(afterReload)).toBeUndefined();
    const written = unique("written");
    await second.responseCache.exact.set(written, entry("back/prompt"));
    await expect.poll(() => first.responseCache.exact.get(written), { interval: 5 }).toBeDefined();
  });

  it("tells the other store which expired keys the clean-up deleted", async () => {
    const expired = unique("expired");
    await first.responseCache.exact.set(expired, {
      ...entry("expiring"),
      expiresAt: Date.now() + 60_000,
    });
    await expect.poll(() => second.responseCache.exact.get(expired), { interval: 5 }).toBeDefined();
    expect(
      await first.responseCache.removeExpired({ now: Date.now() + 120_000 }),
    ).toBeGreaterThanOrEqual(1);
    // A row put back silently stays unseen once the removal reached the other store's keys.
    await insertSilently(expired);
    await expect
      .poll(() => second.responseCache.exact.get(expired), { interval: 5 })
      .toBeUndefined();
  });
});
