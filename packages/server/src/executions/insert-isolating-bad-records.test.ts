import { QuireError } from "@quire/core";
import type { InsertedExecution, NewExecutionRecord } from "@quire/store";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IndexedRecord, insertIsolatingBadRecords } from "./insert-isolating-bad-records.js";

/** A store that refuses, all or nothing like the database, any batch holding a "bad" model. */
function refusingStore(refusal: () => Error) {
  const calls: number[] = [];
  return {
    calls,
    insertExecutions: async (records: readonly NewExecutionRecord[]) => {
      calls.push(records.length);
      if (records.some((record) => record.model === "bad")) throw refusal();
      return records.map(
        (record): InsertedExecution => ({ id: `id-${record.clientId}`, duplicate: false }),
      );
    },
  };
}

const dataRefusal = () =>
  new QuireError("INTERNAL", "The database refused the operation: integer out of range", {
    details: { databaseCode: "22003" },
  });

function batch(size: number, bad: ReadonlySet<number>): IndexedRecord[] {
  return Array.from({ length: size }, (_, index) => ({
    index: index * 2, // positions in the request differ from positions in the batch
    record: {
      promptName: "p",
      model: bad.has(index) ? "bad" : "good",
      success: true,
      clientId: `${index}`,
    },
  }));
}

describe("insertIsolatingBadRecords", () => {
  it("inserts a clean batch in one call", async () => {
    const store = refusingStore(dataRefusal);
    const result = await insertIsolatingBadRecords(store, batch(500, new Set()));
    expect(store.calls).toEqual([500]);
    expect(result.refused).toEqual([]);
    expect(result.outcomes.get(998)).toEqual({ id: "id-499", duplicate: false });
  });

  it("isolates exactly the refused records, by their request index, and keeps the rest", () => {
    return fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 200 })
          .chain((size) =>
            fc.tuple(
              fc.constant(size),
              fc.uniqueArray(fc.nat({ max: size - 1 }), { maxLength: 6 }),
            ),
          ),
        async ([size, badPositions]) => {
          const store = refusingStore(dataRefusal);
          const bad = new Set(badPositions);
          const result = await insertIsolatingBadRecords(store, batch(size, bad));
          expect(result.refused.map((entry) => entry.index).sort((a, b) => a - b)).toEqual(
            [...bad].map((position) => position * 2).sort((a, b) => a - b),
          );
          expect(result.outcomes.size).toBe(size - bad.size);
          for (const entry of result.refused) {
            expect(entry.error.code).toBe("VALIDATION_FAILED");
            expect(entry.error.message).toContain(`Execution ${entry.index} could not be stored`);
            expect(entry.error.message).toContain("integer out of range");
          }
          // Bisection: a bounded number of statements per bad record.
          expect(store.calls.length).toBeLessThanOrEqual(
            1 + bad.size * 2 * Math.ceil(Math.log2(size + 1)),
          );
        },
      ),
    );
  });

  it("throws a failure that is not about the data, without splitting", async () => {
    const store = refusingStore(
      () => new QuireError("UNAVAILABLE", "The database is unreachable", { retryable: true }),
    );
    await expect(insertIsolatingBadRecords(store, batch(50, new Set([3])))).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    expect(store.calls).toEqual([50]);
  });
});
