import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RecentEntries } from "./recent-entries.js";
import type { StoredCachedResponse } from "./response-cache-storage.js";

function entry(
  prompt: string,
  modelId: string,
  expiresAt: number | undefined = undefined,
): StoredCachedResponse {
  return {
    result: { text: `${prompt} ${modelId}`, toolCalls: [], finishReason: "stop", modelId },
    modelId,
    prompt,
    createdAt: 0,
    expiresAt,
  };
}

describe("RecentEntries", () => {
  it("keeps the most recently used entries up to its size, dropping the least recent", () => {
    const recent = new RecentEntries(2);
    recent.written("a", entry("p", "m"));
    recent.written("b", entry("p", "m"));
    expect(recent.get("a", 0)).toBeDefined();
    recent.written("c", entry("p", "m"));
    expect(recent.get("b", 0)).toBeUndefined();
    expect(recent.get("a", 0)).toBeDefined();
    expect(recent.get("c", 0)).toBeDefined();
  });

  it("never returns an expired entry", () => {
    const recent = new RecentEntries(10);
    recent.written("a", entry("p", "m", 100));
    expect(recent.get("a", 99)).toBeDefined();
    expect(recent.get("a", 100)).toBeUndefined();
    expect(recent.size).toBe(0);
  });

  it("does not keep a read that raced a write", () => {
    const recent = new RecentEntries(10);
    const before = recent.generation;
    recent.written("a", entry("p", "new"));
    recent.remember("a", entry("p", "old"), before);
    expect(recent.get("a", 0)?.modelId).toBe("new");
    recent.dropped("a");
    expect(recent.get("a", 0)).toBeUndefined();
  });

  it("drops exactly the entries a delete by prompt and model matches", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("p", "q"), fc.constantFrom("m", "n")), { maxLength: 12 }),
        fc.record({
          prompt: fc.option(fc.constantFrom("p", "q"), { nil: undefined }),
          modelId: fc.option(fc.constantFrom("m", "n"), { nil: undefined }),
        }),
        (rows, filter) => {
          const recent = new RecentEntries(100);
          rows.forEach(([prompt, modelId], index) => {
            recent.written(`k${index}`, entry(prompt, modelId));
          });
          recent.deleted(filter);
          rows.forEach(([prompt, modelId], index) => {
            const matches =
              (filter.prompt === undefined || filter.prompt === prompt) &&
              (filter.modelId === undefined || filter.modelId === modelId);
            expect(recent.get(`k${index}`, 0) === undefined).toBe(matches);
          });
        },
      ),
    );
  });
});
