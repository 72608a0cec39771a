import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CachedResponse } from "@quire/llm";
import { describe, expect, test } from "vitest";
import { FileResponseCacheStore } from "./file-response-cache-store.js";

function entry(modelId: string, prompt: string | undefined, text: string): CachedResponse {
  return {
    result: {
      text,
      toolCalls: [],
      finishReason: "stop",
      modelId,
      usage: { inputTokens: 3, outputTokens: 1 },
    },
    modelId,
    prompt,
    createdAt: 1,
    expiresAt: undefined,
  };
}

const keyA = "a".repeat(64);
const keyB = "b".repeat(64);
const keyC = "c".repeat(64);

describe("FileResponseCacheStore", () => {
  test("returns what was set, across instances on the same folder, and misses unknown keys", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "quire-cache-"));
    await new FileResponseCacheStore(folder).set(keyA, entry("local/echo", "p", "hello"));
    const reopened = new FileResponseCacheStore(folder);
    expect((await reopened.get(keyA))?.result.text).toBe("hello");
    expect(await reopened.get(keyB)).toBeUndefined();
    // Written whole: no temporary file left beside the entry.
    expect(readdirSync(path.join(folder, "aa"))).toEqual([`${keyA}.json`]);
  });

  test("a damaged entry is a miss; a key that is not hex is refused (never a path)", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "quire-cache-"));
    const store = new FileResponseCacheStore(folder);
    await store.set(keyA, entry("m/x", undefined, "x"));
    writeFileSync(path.join(folder, "aa", `${keyA}.json`), "{half");
    expect(await store.get(keyA)).toBeUndefined();
    await expect(store.get("../../etc/passwd")).rejects.toThrow(/not a response cache key/);
  });

  test("delete removes the entries matching every given field, and counts them", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "quire-cache-"));
    const store = new FileResponseCacheStore(folder);
    await store.set(keyA, entry("m/one", "p", "1"));
    await store.set(keyB, entry("m/two", "p", "2"));
    await store.set(keyC, entry("m/one", "q", "3"));
    expect(await store.delete({ modelId: "m/one", prompt: "p" })).toBe(1);
    expect(await store.get(keyA)).toBeUndefined();
    expect(await store.delete({ modelId: "m/one" })).toBe(1);
    expect(await store.delete({})).toBe(1);
    expect(await store.get(keyB)).toBeUndefined();
  });
});
