import path from "node:path";
import o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/**
 * Token counting runs in the web UI too: bundle it for the browser (an IIFE inlines the lazily
 * imported encoder; an ESM build with splitting keeps it a separate chunk) and count where
 * Node's globals (process, require, Buffer) do not exist.
 */
const text = 'Count me: {"a": [1, 2]} — ü 🚀';
const entry = `
import { countTokens, truncateMiddle, getTokenizer } from ${JSON.stringify(path.resolve(import.meta.dirname, "../index.ts"))};
globalThis.done = (async () => {
  const exact = await countTokens(${JSON.stringify(text)}, { model: "gpt-4o" });
  const tokenizer = await getTokenizer({ model: "gpt-4o" });
  const cut = truncateMiddle("word ".repeat(500), { budget: 40, tokenizer });
  return { tokens: exact.tokens, fits: tokenizer.count(cut.text) <= 40 };
})();
`;

describe("token counting in a browser", () => {
  it("bundles for the browser and counts exactly without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.process).toBeUndefined();
    expect(await sandbox.done).toEqual({ tokens: o200k.countTokens(text), fits: true });
  }, 60_000);
});
