import pg from "pg";
import { describe, expect, it } from "vitest";
import { openStore } from "../src/index.js";
import { registerExecutionStoreSuite } from "./execution-store.suite.js";
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
} from "./postgres-test-database.js";

const adminUrl = postgresTestDatabaseUrl();

describe.runIf(adminUrl !== undefined)("ExecutionStore on PostgreSQL", () => {
  let database: PostgresTestDatabase | undefined;
  registerExecutionStoreSuite({
    open: async () => {
      database = await createPostgresTestDatabase(adminUrl ?? "");
      return openStore({ databaseUrl: database.url });
    },
    cleanup: async () => database?.drop(),
  });
});

describe.runIf(adminUrl !== undefined)("the executions table on PostgreSQL", () => {
  it("is range-partitioned by month, with a default partition, and moves rows into a new month", async () => {
    const database = await createPostgresTestDatabase(adminUrl ?? "");
    const client = new pg.Client({ connectionString: database.url });
    try {
      const store = await openStore({ databaseUrl: database.url });
      const ahead = new Date();
      ahead.setUTCMonth(ahead.getUTCMonth() + 6, 10);
      const [outcome] = await store.executions.insertExecutions([
        { promptName: "p", model: "m", success: true, createdAt: ahead.toISOString() },
      ]);
      await client.connect();
      const partitionOf = async () =>
        (
          await client.query<{ partition: string }>(
            "SELECT tableoid::regclass::text AS partition FROM executions WHERE id = $1",
            [outcome?.id],
          )
        ).rows[0]?.partition;
      expect(await partitionOf()).toBe("executions_default");
      const { rows } = await client.query<{ strategy: string; partitions: string }>(
        `SELECT p.partstrat AS strategy, count(i.inhrelid)::text AS partitions
         FROM pg_partitioned_table p JOIN pg_inherits i ON i.inhparent = p.partrelid
         WHERE p.partrelid = 'executions'::regclass GROUP BY p.partstrat`,
      );
      expect(rows).toEqual([{ strategy: "r", partitions: "5" }]); // default + this month + 3
      await store.executions.ensurePartitions(6);
      const month = `${ahead.getUTCFullYear()}_${String(ahead.getUTCMonth() + 1).padStart(2, "0")}`;
      expect(await partitionOf()).toBe(`executions_${month}`);
      await store.close();
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});
