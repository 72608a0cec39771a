import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { mapConcurrently } from "./map-concurrently.js";

describe("mapConcurrently", () => {
  test("keeps the order of the items and never exceeds the limit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, limit) => {
          let running = 0;
          let most = 0;
          const results = await mapConcurrently(delays, limit, async (delay) => {
            running += 1;
            most = Math.max(most, running);
            await new Promise((resolve) => setTimeout(resolve, delay));
            running -= 1;
            return delay * 2;
          });
          expect(results).toEqual(delays.map((delay) => delay * 2));
          expect(most).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("rejects with the first failure", async () => {
    await expect(
      mapConcurrently([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error("two failed");
        return item;
      }),
    ).rejects.toThrow("two failed");
  });
});
