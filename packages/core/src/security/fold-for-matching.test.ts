import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldForMatching, originalRange } from "./fold-for-matching.js";

describe("foldForMatching", () => {
  it("lower-cases, removes accents and collapses white space", () => {
    expect(foldForMatching("  Crème   BRÛLÉE\n\tfür  Sie ").text).toBe("creme brulee fur sie ");
  });

  it("maps look-alike letters, fullwidth and mathematical forms to Latin", () => {
    expect(foldForMatching("іgnоrе ｉｇｎｏｒｅ 𝐢𝐠𝐧𝐨𝐫𝐞").text).toBe("ignore ignore ignore");
  });

  it("drops invisible and control characters and says so", () => {
    const folded = foldForMatching("ig\u200bno\u202ere\u0007!");
    expect(folded.text).toBe("ignore!");
    expect(folded.hasInvisible).toBe(true);
    expect(foldForMatching("plain text").hasInvisible).toBe(false);
  });

  it("reports words mixing Latin letters with look-alikes of another script", () => {
    const text = "Plеase, not this: Привет";
    const folded = foldForMatching(text);
    expect(folded.mixedScriptWords.map(({ start, end }) => text.slice(start, end))).toEqual([
      "Plеase",
    ]);
  });

  it("lists where words start in the folded text", () => {
    const folded = foldForMatching("Hi, you  there!");
    expect([...folded.wordStarts].map((start) => folded.text.slice(start, start + 3))).toEqual([
      "hi,",
      "you",
      "the",
    ]);
  });

  it("keeps a lone surrogate as one replacement character", () => {
    const folded = foldForMatching("a\ud800b");
    expect(folded.text).toBe("a\ufffdb");
    expect([...folded.origin]).toEqual([0, 1, 2, 3]);
  });

  it("maps every folded range back inside the original text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (text) => {
        const folded = foldForMatching(text);
        expect(folded.origin.length).toBe(folded.text.length + 1);
        for (let start = 0; start < folded.text.length; start += 1) {
          const range = originalRange(folded, start, folded.text.length);
          expect(range.start).toBeGreaterThanOrEqual(0);
          expect(range.end).toBeLessThanOrEqual(text.length);
          expect(range.start).toBeLessThan(range.end);
        }
      }),
    );
  });
});
