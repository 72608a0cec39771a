import { describe, expect, it } from "vitest";
import { KnownKeys } from "./known-keys.js";

describe("KnownKeys", () => {
  it("says a key may be held while loading, then only for listed or added keys", async () => {
    let release: (keys: string[]) => void = () => {};
    const known = new KnownKeys(
      () =>
        new Promise<string[]>((resolve) => {
          release = resolve;
        }),
      100,
    );
    expect(known.mayHold("stored")).toBe(true);
    known.add("added-while-loading");
    release(["stored"]);
    await known.ready();
    expect(known.mayHold("stored")).toBe(true);
    expect(known.mayHold("added-while-loading")).toBe(true);
    expect(known.mayHold("never")).toBe(false);
    known.add("later");
    expect(known.mayHold("later")).toBe(true);
  });

  it("keeps a key added before the first lookup started the load", async () => {
    const known = new KnownKeys(async () => [], 100);
    known.add("early");
    await known.ready();
    expect(known.mayHold("early")).toBe(true);
  });

  it("turns itself off for a table with more keys than its limit", async () => {
    const known = new KnownKeys(
      async (limit) => Array.from({ length: limit }, (_, i) => `k${i}`),
      3,
    );
    await known.ready();
    expect(known.mayHold("anything")).toBe(true);
  });

  it("reloads past its limit, dropping keys whose rows are gone", async () => {
    const table = new Set<string>(["a"]);
    const known = new KnownKeys(async () => [...table], 3);
    await known.ready();
    for (const key of ["b", "c"]) {
      table.add(key);
      known.add(key);
    }
    // b and c expire and leave the table; the fourth key starts a reload.
    table.delete("b");
    table.delete("c");
    table.add("d");
    known.add("d");
    await known.ready();
    expect(["a", "b", "c", "d"].map((key) => known.mayHold(key))).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it("a failed load leaves lookups reading the table, and the next lookup retries", async () => {
    let calls = 0;
    const known = new KnownKeys(async () => {
      calls += 1;
      if (calls === 1) throw new Error("busy");
      return ["x"];
    }, 10);
    await known.ready();
    expect(known.mayHold("y")).toBe(true);
    await known.ready();
    expect(known.mayHold("y")).toBe(false);
  });
});
