import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyGuards } from "./apply-guards.js";
import { redact } from "./redact.js";
import { sanitizeText } from "./sanitize-text.js";
import { scanText } from "./scan-text.js";

describe("scanText on arbitrary text (properties)", () => {
  it("never throws, scores within 0..1 and locates reasons inside the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const result = scanText(text);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(1);
        expect(result.flagged).toBe(result.score >= result.threshold);
        for (const reason of result.reasons) {
          expect(reason.start).toBeGreaterThanOrEqual(0);
          expect(reason.end).toBeLessThanOrEqual(text.length);
          expect(reason.start).toBeLessThanOrEqual(reason.end);
          expect(reason.weight).toBeGreaterThan(0);
          expect(reason.weight).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on text mixing scripts, invisible characters and markup", () => {
    const pieces = fc.constantFrom(
      "ignore",
      " previous ",
      "instructions",
      "\u200b",
      "\u202e",
      "\u{e0041}",
      "\ufe0f",
      "і",
      "<|",
      "|>",
      "```",
      "\n### system:",
      "SGVsbG8=",
      "%41",
      "&#65;",
      "\\u0041",
      "忽略",
      "😀",
      "\ud800",
      " ",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), (parts) => {
        const text = parts.join("");
        expect(() => scanText(text)).not.toThrow();
        expect(() => redact(text)).not.toThrow();
        expect(() => sanitizeText(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

/**
 * Inputs that make careless regular expressions take quadratic or exponential time: long runs
 * of what a pattern's first part accepts, with the last part missing. 100 KB each. Each must
 * finish in well under a second (linear work is a few tens of milliseconds); the bound is loose
 * so a busy machine does not fail it, and tight enough that quadratic work (billions of steps)
 * cannot pass.
 */
const size = 100_000;
const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const adversarial: Record<string, string> = {
  "one letter": repeat("a"),
  "spaced letters": repeat("a "),
  "override verb and gap words": `ignore ${repeat("x ")}`,
  "repeated override verb": repeat("ignore "),
  "repeated lead words": repeat("you are "),
  "zero-width characters": repeat("\u200b"),
  "alternating zero-width": repeat("a\u200b"),
  "tag characters": repeat("\u{e0041}"),
  "variation selectors": repeat("\ufe01"),
  "special token openings": repeat("<|"),
  "header hashes": repeat("#"),
  "escaped newlines": repeat("\\n"),
  "base64 alphabet": repeat("QUJD"),
  "hex pairs": repeat("41"),
  "spaced hex": repeat("41 "),
  "percent escapes": repeat("%4"),
  "html entities": repeat("&#6"),
  "at signs": repeat("a@"),
  "dotted at signs": repeat("a.@"),
  "digit groups": repeat("1 "),
  digits: repeat("4"),
  "dotted digits": repeat("1."),
  colons: repeat("a:"),
  "plus and parentheses": repeat("+(1"),
  "password assignments": repeat("password="),
  "private key openings": repeat("-----BEGIN PRIVATE KEY-----"),
  "cyrillic look-alikes": repeat("іgnоrе"),
  "sentence ends": repeat("You must. "),
  quotes: repeat('"'),
  "open angle brackets": repeat("</"),
};

describe("linear time on 100 KB adversarial inputs", () => {
  for (const [name, text] of Object.entries(adversarial)) {
    it(`scans, redacts, sanitizes and guards ${name} quickly`, () => {
      const started = performance.now();
      scanText(text);
      redact(text);
      sanitizeText(text);
      applyGuards(
        { value: text },
        null,
        { detect: true, sanitize: true, wrap: true },
        {
          random: (count) => new Uint8Array(count),
        },
      );
      expect(performance.now() - started).toBeLessThan(1_500);
    });
  }
});
