import fc from "fast-check";
import cl100k from "gpt-tokenizer/encoding/cl100k_base";
import o200k from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { referenceCounts as reference } from "./__fixtures__/reference-counts.js";
import { loadEncoder } from "./load-encoder.js";

const noSpecialTokens = { disallowedSpecial: new Set<string>() };

describe.each([
  ["o200k_base", o200k],
  ["cl100k_base", cl100k],
] as const)("%s counts", (encoding, library) => {
  it("equal OpenAI's tiktoken on the reference texts (special tokens, Unicode, long runs)", async () => {
    const encoder = await loadEncoder(encoding);
    const counted = reference.cases.map((item) => ({
      name: item.name,
      tokens: encoder.count(item.text),
    }));
    const expected = reference.cases.map((item) => ({ name: item.name, tokens: item[encoding] }));
    expect(counted).toEqual(expected);
  });

  it("equal gpt-tokenizer's on any string", async () => {
    const encoder = await loadEncoder(encoding);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 60 }),
          fc.string({ unit: "grapheme", maxLength: 60 }),
          fc.string({ unit: fc.constantFrom(..."ab AB1 'sé日\u0301🚀\n\t<|>_-./"), maxLength: 60 }),
        ),
        (text) => {
          expect(encoder.count(text)).toBe(library.countTokens(text, noSpecialTokens));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("merges long pieces (one word of hundreds of letters) as the rescanning loop does", async () => {
    const encoder = await loadEncoder(encoding);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."aabeilnrst"), minLength: 257, maxLength: 1200 }),
        fc.constantFrom("", " ", "é"),
        (word, prefix) => {
          const text = prefix + word;
          expect(encoder.count(text)).toBe(library.countTokens(text, noSpecialTokens));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("counts a 200 KB run of one letter in well under a second", async () => {
    const encoder = await loadEncoder(encoding);
    const started = performance.now();
    const count = encoder.count("a".repeat(200_000));
    expect(performance.now() - started).toBeLessThan(1_000);
    // tiktoken 1.0.22 gives 25,000 for both encodings (gpt-tokenizer takes ~40 s for cl100k).
    expect(count).toBe(25_000);
  });

  it("counts the same text the same way after the merge cache has filled", async () => {
    const encoder = await loadEncoder(encoding);
    const words = Array.from({ length: 120_000 }, (_, index) => `w${index.toString(36)}q`).join(
      " ",
    );
    const first = encoder.count(words);
    expect(encoder.count(words)).toBe(first);
    expect(first).toBe(library.countTokens(words, noSpecialTokens));
  });
});
