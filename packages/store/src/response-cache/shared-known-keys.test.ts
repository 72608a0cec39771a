import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyFingerprint } from "./key-fingerprint.js";
import { type LoadKeyPage, SharedKnownKeys } from "./shared-known-keys.js";

/** A table of sorted keys, read in pages; `hold` makes each page wait for `release`. */
function table(keys: string[]) {
  const sorted = [...keys].sort();
  const calls: (string | undefined)[] = [];
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  const loadPage: LoadKeyPage = async (after, limit) => {
    calls.push(after);
    if (gate !== undefined) await gate;
    return sorted.filter((key) => after === undefined || key > after).slice(0, limit);
  };
  return {
    loadPage,
    calls,
    hold: () => {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release: () => {
      gate = undefined;
      open();
    },
  };
}

const fingerprints = (...keys: string[]) => keys.map(keyFingerprint);

describe("SharedKnownKeys", () => {
  it("answers maybe until listening and loaded, then only for keys in the table or added", async () => {
    const source = table(["a", "b", "c", "d", "e"]);
    const keys = new SharedKnownKeys({ loadPage: source.loadPage, maxKeys: 100, pageSize: 2 });
    expect(keys.mayHold("never")).toBe(true);
    expect(source.calls).toEqual([]);
    keys.listening();
    await keys.ready();
    expect(source.calls).toEqual([undefined, "b", "d"]);
    expect(keys.active).toBe(true);
    for (const key of ["a", "c", "e"]) expect(keys.mayHold(key)).toBe(true);
    expect(keys.mayHold("never")).toBe(false);
    keys.add("mine");
    keys.apply({ kind: "added", fingerprints: fingerprints("theirs") });
    expect(keys.mayHold("mine") && keys.mayHold("theirs")).toBe(true);
    keys.apply({ kind: "removed", fingerprints: fingerprints("a", "theirs") });
    expect(keys.mayHold("a") || keys.mayHold("theirs")).toBe(false);
  });

  it("keeps what notifications said while the keys were loading, in their order", async () => {
    const source = table(["gone", "stays"]);
    const keys = new SharedKnownKeys({ loadPage: source.loadPage, maxKeys: 100 });
    source.hold();
    keys.listening();
    keys.add("mine");
    keys.apply({ kind: "added", fingerprints: fingerprints("back", "theirs") });
    keys.apply({ kind: "removed", fingerprints: fingerprints("gone", "back") });
    keys.apply({ kind: "added", fingerprints: fingerprints("back") });
    expect(keys.mayHold("never")).toBe(true);
    source.release();
    await keys.ready();
    expect(["mine", "theirs", "back", "stays"].map((key) => keys.mayHold(key))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(keys.mayHold("gone")).toBe(false);
  });

  it("empties on cleared, reloads on reload, and answers maybe while the connection is down", async () => {
    const source = table(["a"]);
    const keys = new SharedKnownKeys({ loadPage: source.loadPage, maxKeys: 100 });
    keys.listening();
    await keys.ready();
    keys.apply({ kind: "cleared" });
    expect(keys.mayHold("a")).toBe(false);
    keys.apply({ kind: "reload" });
    expect(keys.mayHold("never")).toBe(true);
    await keys.ready();
    expect(keys.mayHold("a")).toBe(true);
    expect(keys.mayHold("never")).toBe(false);

    keys.connectionLost();
    expect(keys.active).toBe(false);
    expect(keys.mayHold("never")).toBe(true);
    // Notifications cannot arrive while down, and a lookup does not start a load either.
    await keys.ready();
    expect(keys.mayHold("never")).toBe(true);
    keys.listening();
    await keys.ready();
    expect(keys.mayHold("never")).toBe(false);
  });

  it("drops a load the connection's loss or a flush overtook", async () => {
    const source = table(["old"]);
    const keys = new SharedKnownKeys({ loadPage: source.loadPage, maxKeys: 100 });
    source.hold();
    keys.listening();
    keys.apply({ kind: "cleared" });
    keys.add("new");
    source.release();
    await keys.ready();
    expect(keys.mayHold("old")).toBe(false);
    expect(keys.mayHold("new")).toBe(true);

    source.hold();
    keys.apply({ kind: "reload" });
    keys.connectionLost();
    source.release();
    await keys.ready();
    expect(keys.active).toBe(false);
  });

  it("turns off past its size limit (every lookup reads the table) until a flush", async () => {
    const keys = new SharedKnownKeys({ loadPage: table(["a", "b", "c"]).loadPage, maxKeys: 2 });
    keys.listening();
    await keys.ready();
    expect(keys.active).toBe(false);
    expect(keys.mayHold("never")).toBe(true);
    keys.apply({ kind: "cleared" });
    keys.apply({ kind: "added", fingerprints: fingerprints("x", "y") });
    expect(keys.mayHold("never")).toBe(false);
    keys.add("z");
    expect(keys.active).toBe(false);
    expect(keys.mayHold("never")).toBe(true);
  });

  it("after a failed load, reads the table and tries again on a lookup after the delay", async () => {
    let failures = 1;
    const keys = new SharedKnownKeys({
      loadPage: async () => {
        if (failures-- > 0) throw new Error("database gone");
        return ["a"];
      },
      maxKeys: 10,
      retryDelayMs: 0,
    });
    keys.listening();
    await keys.ready();
    expect(keys.mayHold("never")).toBe(true);
    await keys.ready();
    expect(keys.mayHold("never")).toBe(false);
    expect(keys.mayHold("a")).toBe(true);
  });

  it("never says no for a key in the table once loaded (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        async (stored, pageSize) => {
          const keys = new SharedKnownKeys({
            loadPage: table(stored).loadPage,
            maxKeys: 1_000,
            pageSize,
          });
          keys.listening();
          await keys.ready();
          for (const key of stored) expect(keys.mayHold(key)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
