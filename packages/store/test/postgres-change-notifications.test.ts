import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeListenerApplicationName } from "../src/changes/postgres-change-feed.js";
import { openStore, type PromptStore } from "../src/index.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";
import { collectEvents, newPrompt, newVersion } from "./suite/store-fixtures.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)(
  "change events between stores on one PostgreSQL database",
  () => {
    let database: PostgresTestDatabase;
    let writer: PromptStore;
    let reader: PromptStore;

    beforeAll(async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      writer = await openStore({ databaseUrl: database.url });
      reader = await openStore({ databaseUrl: database.url });
    });
    afterAll(async () => {
      await writer?.close();
      await reader?.close();
      await database?.drop();
    });

    it("delivers a label moved through one store to the other's listener within 100 ms", async () => {
      const name = "latency/prompt";
      await writer.createPrompt(newPrompt(name));
      await writer.createVersion(newVersion(name, "two"));
      const latencies: number[] = [];
      for (let round = 0; round < 20; round += 1) {
        const version = (round % 2) + 1;
        const received = new Promise<number>((resolve) => {
          const unsubscribe = reader.onPromptChanged((event) => {
            if (
              event.prompt === name &&
              event.kind === "label-moved" &&
              event.version === version
            ) {
              unsubscribe();
              resolve(performance.now());
            }
          });
        });
        const started = performance.now();
        await writer.moveLabel({
          name,
          label: "production",
          version,
          actor: "ops",
          reason: `round ${round}`,
        });
        latencies.push((await received) - started);
      }
      const sorted = [...latencies].sort((left, right) => left - right);
      const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
      const slowest = sorted.at(-1) ?? Number.NaN;
      console.log(
        `label move → other store's listener (PostgreSQL LISTEN/NOTIFY, 20 moves, including the write): median ${median.toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms`,
      );
      expect(median).toBeLessThan(100);
      expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(100);
    });

    it("shares version numbering between stores: 50 concurrent versions through two stores get 2 to 51", async () => {
      const name = "shared/numbering";
      await writer.createPrompt(newPrompt(name));
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          (index % 2 === 0 ? writer : reader).createVersion(newVersion(name, `from ${index}`)),
        ),
      );
      expect(
        results.map((result) => result.version.number).sort((left, right) => left - right),
      ).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));
    });

    it("re-opens a dropped LISTEN connection, says resync, and keeps delivering", async () => {
      const name = "reconnect/prompt";
      await writer.createPrompt(newPrompt(name));
      const collector = collectEvents(reader);
      try {
        const admin = new pg.Client({ connectionString: database.url });
        await admin.connect();
        try {
          const terminated = await admin.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
            [changeListenerApplicationName],
          );
          // Both stores' listeners were cut.
          expect(terminated.rowCount).toBe(2);
        } finally {
          await admin.end();
        }
        await collector.waitFor((event) => event.kind === "resync", 5_000);
        await writer.moveLabel({
          name,
          label: "staging",
          version: 1,
          actor: "ops",
          reason: "after reconnect",
        });
        await collector.waitFor(
          (event) => event.prompt === name && event.kind === "label-moved",
          5_000,
        );
      } finally {
        collector.unsubscribe();
      }
    });
  },
);
