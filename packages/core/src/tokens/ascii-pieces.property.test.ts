import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cl100kPieceEnd, o200kPieceEnd, piecePatterns } from "./ascii-pieces.js";

/** Pieces by the expression alone, as tiktoken splits (every match, from the start). */
function expressionPieces(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(new RegExp(pattern.source, "gu"))].map((match) => match[0]);
}

/** Pieces by the ASCII fast path, asking the sticky expression where it answers -1. */
function fastPieces(
  pieceEnd: (text: string, start: number) => number,
  pattern: RegExp,
  text: string,
): string[] {
  const sticky = new RegExp(pattern);
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = pieceEnd(text, start);
    if (end === -1) {
      sticky.lastIndex = start;
      end = start + (sticky.exec(text)?.[0].length ?? 1);
    }
    expect(end).toBeGreaterThan(start);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * Characters chosen to hit every branch of the patterns: ASCII letters of both cases, digits,
 * every ASCII space, line breaks, apostrophes and contraction letters, slashes, symbols, and
 * non-ASCII neighbours of each class (letters of every case kind, marks, digits, spaces,
 * symbols, an astral letter and emoji, a lone surrogate).
 */
const alphabet = [
  ..."aAzZsStTdDmMlLvVeErRxX09 \t\n\r\v\f'/.,-_!?\"{}()<>|#\u007f\u0000",
  "é",
  "É",
  "ǅ", // Lt
  "ʰ", // Lm
  "日", // Lo
  "\u0301", // Mn
  "\u0903", // Mc
  "٣", // Nd (Arabic-Indic)
  "Ⅻ", // Nl
  "²", // No
  "\u00a0",
  "\u2028",
  "\u3000",
  "\u0085",
  "—",
  "“",
  "ſ",
  "K", // Kelvin sign
  "𝐀", // astral Lu
  "𝐚", // astral Ll
  "🚀",
  "\ud800",
];
const text = fc
  .array(fc.constantFrom(...alphabet), { maxLength: 40 })
  .map((characters) => characters.join(""));
const words = fc
  .array(fc.constantFrom("it's", "DON'T", " we'll", "  ", "\n\n", " x", "URLs", "a/b", ".\n/"), {
    maxLength: 8,
  })
  .map((parts) => parts.join(""));

describe.each([
  ["o200k_base", o200kPieceEnd, piecePatterns.o200k_base],
  ["cl100k_base", cl100kPieceEnd, piecePatterns.cl100k_base],
] as const)("%s pieces", (_name, pieceEnd, pattern) => {
  it("equal the split pattern's on any mix of characters", () => {
    fc.assert(
      fc.property(fc.oneof(text, words, fc.string({ unit: "grapheme-ascii" })), (input) => {
        expect(fastPieces(pieceEnd, pattern, input)).toEqual(expressionPieces(pattern, input));
      }),
      { numRuns: 3000 },
    );
  });

  it("equal the split pattern's on full Unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (input) => {
        expect(fastPieces(pieceEnd, pattern, input)).toEqual(expressionPieces(pattern, input));
      }),
      { numRuns: 1000 },
    );
  });

  it("answers ASCII without the expression", () => {
    const sample = "Hello, World! It's 2024: x = [1, 22, 333]; // done\r\n\n  end  ";
    for (let start = 0; start < sample.length; start += 1) {
      expect(pieceEnd(sample, start)).toBeGreaterThan(start);
    }
  });
});
