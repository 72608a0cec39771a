import { describe, expect, it } from "vitest";
import { PendingCacheWrites } from "./pending-cache-writes.js";

interface Row {
  key: string;
  value: number;
}

describe("PendingCacheWrites", () => {
  it("writes the rows that came within the delay in one batch, the last row per key, in order", async () => {
    const batches: Row[][] = [];
    const writes = new PendingCacheWrites<Row>(
      async (rows) => {
        batches.push(rows);
      },
      { maxRows: 100, delayMs: 5 },
    );
    const done = Promise.all([
      writes.add({ key: "a", value: 1 }),
      writes.add({ key: "b", value: 2 }),
      writes.add({ key: "a", value: 3 }),
    ]);
    expect(batches).toEqual([]);
    await done;
    expect(batches).toEqual([
      [
        { key: "b", value: 2 },
        { key: "a", value: 3 },
      ],
    ]);
  });

  it("writes at once when maxRows wait, and one batch at a time", async () => {
    let running = 0;
    let mostAtOnce = 0;
    const sizes: number[] = [];
    const writes = new PendingCacheWrites<Row>(
      async (rows) => {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        await new Promise((resolve) => setTimeout(resolve, 2));
        sizes.push(rows.length);
        running -= 1;
      },
      { maxRows: 2, delayMs: 60_000 },
    );
    await Promise.all(
      Array.from({ length: 6 }, (_, index) => writes.add({ key: `k${index}`, value: index })),
    );
    expect(sizes).toEqual([2, 2, 2]);
    expect(mostAtOnce).toBe(1);
  });

  it("rejects every waiter of a failed batch, and the next batch still runs", async () => {
    let fail = true;
    const written: string[] = [];
    const writes = new PendingCacheWrites<Row>(
      async (rows) => {
        if (fail) throw new Error("disk full");
        written.push(...rows.map((row) => row.key));
      },
      { maxRows: 10, delayMs: 1 },
    );
    const first = writes.add({ key: "x", value: 1 });
    const second = writes.add({ key: "x", value: 2 });
    await expect(first).rejects.toThrow("disk full");
    await expect(second).rejects.toThrow("disk full");
    fail = false;
    await writes.add({ key: "y", value: 3 });
    expect(written).toEqual(["y"]);
  });

  it("flush writes what waits now and never rejects", async () => {
    const writes = new PendingCacheWrites<Row>(
      async () => {
        throw new Error("down");
      },
      { maxRows: 10, delayMs: 60_000 },
    );
    const pending = writes.add({ key: "a", value: 1 });
    pending.catch(() => {});
    await expect(writes.flush()).resolves.toBeUndefined();
    await expect(pending).rejects.toThrow("down");
  });
});
