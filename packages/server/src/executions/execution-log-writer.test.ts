import { QuireError } from "@quire/core";
import type { InsertedExecution, NewExecutionRecord } from "@quire/store";
import { describe, expect, it, vi } from "vitest";
import { ExecutionLogWriter } from "./execution-log-writer.js";

const record = (model = "m") => ({ promptName: "p", model, success: true });

/** A store that keeps what it is given; `fail` decides, per call, whether to throw instead. */
function recordingStore(
  fail: (call: number, records: readonly NewExecutionRecord[]) => Error | undefined = () =>
    undefined,
) {
  const stored = new Map<string, NewExecutionRecord>();
  const batches: number[] = [];
  let call = 0;
  return {
    stored,
    batches,
    insertExecutions: async (records: readonly NewExecutionRecord[]) => {
      call += 1;
      await new Promise((resolve) => setImmediate(resolve));
      const error = fail(call, records);
      if (error !== undefined) throw error;
      batches.push(records.length);
      for (const entry of records) stored.set(entry.id ?? "", entry);
      return records.map((entry): InsertedExecution => ({ id: entry.id ?? "", duplicate: false }));
    },
  };
}

const unavailable = () =>
  new QuireError("UNAVAILABLE", "The database is unreachable", { retryable: true });
const logger = () => ({ warn: vi.fn(), error: vi.fn() });

describe("ExecutionLogWriter", () => {
  it("returns an id at once and never waits on a store that hangs", async () => {
    const insert = vi.fn(() => new Promise<InsertedExecution[]>(() => {}));
    const writer = new ExecutionLogWriter({ insertExecutions: insert }, { batchSize: 2 });
    const started = performance.now();
    const ids = Array.from({ length: 1_000 }, () => writer.log(record()));
    expect(performance.now() - started).toBeLessThan(200);
    expect(new Set(ids).size).toBe(1_000);
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    expect(insert).not.toHaveBeenCalled(); // log does no database work itself
    expect(writer.stats().buffered).toBe(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(insert).toHaveBeenCalledTimes(1); // one insert at a time; the rest wait their turn
  });

  it("flushes a full batch at once and a partial one after the interval", async () => {
    const store = recordingStore();
    const writes: number[] = [];
    const insert = store.insertExecutions;
    store.insertExecutions = async (records) => {
      writes.push(performance.now());
      return insert(records);
    };
    const writer = new ExecutionLogWriter(store, { batchSize: 3, flushIntervalMs: 300 });
    const started = performance.now();
    for (let index = 0; index < 4; index += 1) writer.log(record());
    await vi.waitFor(() => expect(store.batches).toEqual([3, 1]), { timeout: 2_000 });
    expect((writes[0] ?? 0) - started).toBeLessThan(100);
    expect((writes[1] ?? 0) - started).toBeGreaterThanOrEqual(295);
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 4, dropped: 0 });
  });

  it("stamps each record's time when it is logged, not when it is written", async () => {
    const store = recordingStore();
    const writer = new ExecutionLogWriter(store, { flushIntervalMs: 10_000 });
    const before = Date.now();
    const id = writer.log(record()) ?? "";
    await new Promise((resolve) => setTimeout(resolve, 30));
    await writer.flush();
    const stamped = Date.parse(String(store.stored.get(id)?.createdAt));
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThan(before + 25);
  });

  it("retries a failed flush with the same records and ids, losing and doubling nothing", async () => {
    const store = recordingStore((call) => (call <= 2 ? unavailable() : undefined));
    const log = logger();
    const writer = new ExecutionLogWriter(store, {
      batchSize: 10,
      retryInitialDelayMs: 5,
      logger: log,
    });
    const ids = Array.from({ length: 25 }, () => writer.log(record()));
    await writer.flush();
    expect([...store.stored.keys()].sort()).toEqual([...ids].sort());
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 25, failedFlushes: 2 });
    expect(log.warn).toHaveBeenCalledTimes(2);
  });

  it("drops new records when the buffer is full, counts them and warns once", () => {
    const log = logger();
    const writer = new ExecutionLogWriter(
      { insertExecutions: () => new Promise(() => {}) },
      { maxBufferedRecords: 5, batchSize: 2, logger: log },
    );
    const ids = Array.from({ length: 8 }, () => writer.log(record()));
    expect(ids.slice(0, 5).every((id) => id !== undefined)).toBe(true);
    expect(ids.slice(5)).toEqual([undefined, undefined, undefined]);
    expect(writer.stats()).toMatchObject({ buffered: 5, dropped: 3 });
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]?.[1]).toContain("buffer is full");
  });

  it("drops alone, and logs, a record the database refuses for its data", async () => {
    const refusal = new QuireError("INTERNAL", "value out of range", {
      details: { databaseCode: "22003" },
    });
    const store = recordingStore((_call, records) =>
      records.some((entry) => entry.model === "bad") ? refusal : undefined,
    );
    const log = logger();
    const writer = new ExecutionLogWriter(store, { batchSize: 8, logger: log });
    const ids = Array.from({ length: 8 }, (_, index) =>
      writer.log(record(index === 5 ? "bad" : "m")),
    );
    await writer.flush();
    expect(store.stored.size).toBe(7);
    expect(store.stored.has(ids[5] ?? "")).toBe(false);
    expect(writer.stats()).toMatchObject({ written: 7, refused: 1, buffered: 0 });
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it("flushes everything on close, then refuses new records", async () => {
    const store = recordingStore();
    const writer = new ExecutionLogWriter(store, { batchSize: 100, flushIntervalMs: 60_000 });
    for (let index = 0; index < 1_234; index += 1) writer.log(record());
    await writer.close();
    expect(store.stored.size).toBe(1_234);
    expect(writer.log(record())).toBeUndefined();
    await writer.close(); // idempotent
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 1_234, dropped: 1 });
  });

  it("on close, keeps retrying a failing database, then gives up and reports what was lost", async () => {
    const store = recordingStore((call) => (call <= 3 ? unavailable() : undefined));
    const writer = new ExecutionLogWriter(store, { retryInitialDelayMs: 5, closeRetryMs: 2_000 });
    writer.log(record());
    await writer.close();
    expect(store.stored.size).toBe(1);

    const down = recordingStore(() => unavailable());
    const log = logger();
    const giving = new ExecutionLogWriter(down, {
      retryInitialDelayMs: 5,
      closeRetryMs: 100,
      logger: log,
    });
    giving.log(record());
    giving.log(record());
    const started = Date.now();
    await giving.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(giving.stats()).toMatchObject({ buffered: 0, dropped: 2, written: 0 });
    expect(log.error.mock.calls.at(-1)?.[1]).toContain(
      "2 buffered execution records were not stored",
    );
  });

  it("on close, retries at once instead of sleeping out a long backoff", async () => {
    let down = true;
    const store = recordingStore(() => (down ? unavailable() : undefined));
    const writer = new ExecutionLogWriter(store, {
      flushIntervalMs: 10,
      retryInitialDelayMs: 60_000,
      retryMaxDelayMs: 60_000,
    });
    writer.log(record());
    await vi.waitFor(() => expect(writer.stats().failedFlushes).toBe(1));
    down = false;
    const started = Date.now();
    await writer.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(store.stored.size).toBe(1);
  });

  it("keeps buffered content within its memory budget: later records lose their content, not their place", async () => {
    const store = recordingStore();
    const warnings = logger();
    // 2 bytes a character: each record's output takes 2,000 of the 5,000 bytes.
    const writer = new ExecutionLogWriter(store, {
      maxBufferedContentBytes: 5_000,
      flushIntervalMs: 60_000,
      logger: warnings,
    });
    const withOutput = () => ({ ...record(), output: "o".repeat(1_000) });
    const ids = [writer.log(withOutput()), writer.log(withOutput()), writer.log(withOutput())];
    await writer.flush();
    const stored = ids.map((id) => store.stored.get(id ?? ""));
    expect(stored.map((entry) => entry?.output?.length ?? null)).toEqual([1_000, 1_000, null]);
    expect(stored[2]?.contentTruncated).toBe(true);
    expect(warnings.warn).toHaveBeenCalledTimes(1);
    // Written records give their budget back.
    const later = writer.log(withOutput());
    await writer.flush();
    expect(store.stored.get(later ?? "")?.output).toHaveLength(1_000);
  });

  it("refuses nonsensical options", () => {
    expect(() => new ExecutionLogWriter(recordingStore(), { batchSize: 0 })).toThrow(/batchSize/);
  });
});
