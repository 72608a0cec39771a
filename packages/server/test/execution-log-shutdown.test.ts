import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store, type StoreOptions } from "@quire/store";
import { createPostgresTestDatabase, postgresTestDatabaseUrl } from "@quire/store/testing";
import { describe, expect, it } from "vitest";
import { startServer } from "../src/index.js";

const bufferSize = 20_000;

async function countExecutions(store: Store, prompt: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await store.executions.listExecutions({ limit: 500, prompt, cursor });
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return count;
}

/**
 * Fills the execution log's buffer to its bound, closes the server at once, and counts what a
 * fresh store finds: every record logged before the close, none of those dropped.
 */
async function fillCloseAndCount(databaseUrl?: string): Promise<void> {
  const dataDirectory = await mkdtemp(join(tmpdir(), "quire-log-shutdown-"));
  try {
    await fillCloseAndCountIn(
      databaseUrl === undefined ? { dataDirectory } : { databaseUrl },
      dataDirectory,
    );
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

async function fillCloseAndCountIn(storeOptions: StoreOptions, dataDirectory: string) {
  const server = await startServer({
    ...storeOptions,
    dataDirectory,
    port: 0,
    logLevel: "silent",
    seedExamples: false,
    handleSignals: false,
    executionLog: { batchSize: 500, flushIntervalMs: 60_000, maxBufferedRecords: bufferSize },
  });
  const prompt = "shutdown/full-buffer";
  const ids = new Set<string>();
  for (let index = 0; index < bufferSize; index += 1) {
    const id = server.executionLog.log({
      promptName: prompt,
      model: "m",
      success: true,
      inputTokens: index,
    });
    if (id !== undefined) ids.add(id);
  }
  expect(ids.size).toBe(bufferSize);
  expect(server.executionLog.log({ promptName: prompt, model: "m", success: true })).toBe(
    undefined,
  );
  expect(server.executionLog.stats().buffered).toBe(bufferSize);
  expect(server.executionLog.stats().written).toBeLessThan(bufferSize);

  await server.close();
  expect(server.executionLog.stats()).toMatchObject({ buffered: 0, written: bufferSize });

  const reopened = await openStore(storeOptions);
  try {
    expect(await countExecutions(reopened, prompt)).toBe(bufferSize);
    const some = [...ids].slice(0, 5);
    for (const id of some) expect((await reopened.executions.getExecution(id))?.id).toBe(id);
  } finally {
    await reopened.close();
  }
}

describe("closing the server with a full execution log buffer", () => {
  it("loses nothing on PGlite", () => fillCloseAndCount(), 120_000);

  const adminUrl = postgresTestDatabaseUrl();
  it.runIf(adminUrl !== undefined)(
    "loses nothing on PostgreSQL",
    async () => {
      const database = await createPostgresTestDatabase(adminUrl ?? "");
      try {
        await fillCloseAndCount(database.url);
      } finally {
        await database.drop();
      }
    },
    120_000,
  );
});
