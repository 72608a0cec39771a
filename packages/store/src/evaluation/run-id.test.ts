import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRunIdSource } from "./run-id.js";

describe("createRunIdSource", () => {
  it("keeps the documented shape", () => {
    expect(createRunIdSource(() => 1_700_000_000_000)()).toMatch(/^run_[0-9a-z]{10}[0-9a-f]{10}$/);
  });

  it("makes ids that strictly increase whatever the clock does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 2 }),
        (times) => {
          let index = 0;
          const next = createRunIdSource(() => times[index++ % times.length] ?? 0);
          const ids = times.map(() => next());
          for (let at = 1; at < ids.length; at += 1) {
            expect((ids[at] ?? "") > (ids[at - 1] ?? "")).toBe(true);
          }
        },
      ),
    );
  });

  it("orders ids of one millisecond by the order they were made", () => {
    const next = createRunIdSource(() => 42);
    const ids = Array.from({ length: 1_000 }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1_000);
  });

  it("puts later milliseconds after earlier ones", () => {
    let time = 1_000;
    const next = createRunIdSource(() => time);
    const first = next();
    time = 1_001;
    expect(next() > first).toBe(true);
  });
});
