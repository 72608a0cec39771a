import { confusableLetters } from "./confusable-letters.js";
import { invisibleKind, isUnicodeSpace } from "./invisible-characters.js";

/**
 * Text folded for matching phrases: lower case, accents removed, compatibility forms (fullwidth,
 * mathematical letters) and look-alike letters of other scripts mapped to Latin, invisible and
 * control characters dropped, every run of white space one space. `origin` maps each folded
 * character back to the original, so evidence is reported where it was written.
 */
export interface FoldedText {
  text: string;
  /** `origin[i]` is the offset in the original of folded character `i`; one more entry at the end. */
  origin: Int32Array;
  /** Where each word (a run of letters and digits) starts in the folded text. */
  wordStarts: Int32Array;
  /** Words mixing ASCII letters with look-alike letters of another script (original offsets). */
  mixedScriptWords: Array<{ start: number; end: number }>;
  /** Whether the original holds invisible characters (zero-width, bidirectional, tags…). */
  hasInvisible: boolean;
}

const combiningMark = /\p{M}/gu;
const letterOrDigit = /^[\p{L}\p{N}]/u;

interface FoldedCodePoint {
  text: string;
  /** Its first folded character is a letter or a digit. */
  wordCharacter: boolean;
  /** An imitation of an ASCII letter: another script's look-alike, or a fullwidth or
   * mathematical form (not a letter with an accent, like the ü of "für"). */
  lookAlike: boolean;
}

const utf16 = new TextDecoder("utf-16le");
const foldCache = new Map<number, FoldedCodePoint>();
const foldCacheLimit = 10_000;

/** The folded form of one non-ASCII, visible, non-space code point. */
function foldCodePoint(codePoint: number): FoldedCodePoint {
  const cached = foldCache.get(codePoint);
  if (cached !== undefined) return cached;
  // A lone surrogate (half of a pair) is not text: it folds to the replacement character.
  const character =
    codePoint >= 0xd800 && codePoint <= 0xdfff ? "\ufffd" : String.fromCodePoint(codePoint);
  const confusable = confusableLetters.get(codePoint);
  // The dotless i (Turkish) folds to i, as a letter of its own alphabet, not a look-alike.
  if (codePoint === 0x131)
    return remember(codePoint, { text: "i", wordCharacter: true, lookAlike: false });
  let result: FoldedCodePoint;
  if (confusable !== undefined) {
    result = { text: confusable, wordCharacter: true, lookAlike: true };
  } else {
    const text = character.normalize("NFKD").replace(combiningMark, "").toLowerCase();
    const compatibility = character.normalize("NFKC") !== character.normalize("NFC");
    result = {
      text,
      wordCharacter: letterOrDigit.test(text),
      lookAlike: compatibility && /^[a-z]$/.test(text),
    };
  }
  return remember(codePoint, result);
}

function remember(codePoint: number, result: FoldedCodePoint): FoldedCodePoint {
  if (foldCache.size < foldCacheLimit) foldCache.set(codePoint, result);
  return result;
}

/** 0: other, 1: word character (letter, digit), 2: white space, 3: dropped control. */
const asciiClass = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  if (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  ) {
    asciiClass[code] = 1;
  } else if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) asciiClass[code] = 2;
  else if (code < 0x20 || code === 0x7f) asciiClass[code] = 3;
}

export function foldForMatching(text: string): FoldedText {
  const length = text.length;
  let output: Uint16Array = new Uint16Array(length + 16);
  let origin: Int32Array = new Int32Array(length + 17);
  let wordStarts: Int32Array = new Int32Array(Math.max(16, length >> 2));
  let words = 0;
  let size = 0;
  const mixedScriptWords: Array<{ start: number; end: number }> = [];
  let hasInvisible = false;
  // The current word: where it starts (original offset), and what its letters are.
  let inWord = false;
  let wordStart = 0;
  let wordHasAscii = false;
  let wordHasLookAlike = false;
  let lastIsSpace = true;

  let index = 0;
  while (index < length) {
    const code = text.charCodeAt(index);
    let folded: string | undefined;
    let kind: number;
    let width = 1;
    let lookAlike = false;
    if (code < 0x80) kind = asciiClass[code] ?? 0;
    else {
      const codePoint = text.codePointAt(index) ?? code;
      width = codePoint > 0xffff ? 2 : 1;
      if (codePoint < 0xa0 || invisibleKind(codePoint) !== undefined) {
        hasInvisible ||= codePoint >= 0xa0;
        kind = 3;
      } else if (isUnicodeSpace(codePoint)) kind = 2;
      else {
        const entry = foldCodePoint(codePoint);
        folded = entry.text;
        // A combining mark folds to nothing and does not end the word it is part of.
        kind = folded === "" ? 3 : entry.wordCharacter ? 1 : 0;
        lookAlike = entry.lookAlike;
      }
    }
    if (kind === 3) {
      index += width;
      continue;
    }
    if (kind !== 1 && inWord) {
      if (wordHasAscii && wordHasLookAlike) mixedScriptWords.push({ start: wordStart, end: index });
      inWord = false;
    }
    if (kind === 2) {
      if (!lastIsSpace && size > 0) {
        if (size + 1 >= output.length) [output, origin] = grow(output, origin);
        output[size] = 0x20;
        origin[size] = index;
        size += 1;
      }
      lastIsSpace = true;
      index += width;
      continue;
    }
    lastIsSpace = false;
    if (kind === 1 && !inWord) {
      inWord = true;
      wordStart = index;
      wordHasAscii = false;
      wordHasLookAlike = false;
      if (words === wordStarts.length) {
        const grown = new Int32Array(wordStarts.length * 2);
        grown.set(wordStarts);
        wordStarts = grown;
      }
      wordStarts[words] = size;
      words += 1;
    }
    if (folded === undefined) {
      if (kind === 1 && code >= 0x41) wordHasAscii = true;
      if (size + 1 >= output.length) [output, origin] = grow(output, origin);
      output[size] = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
      origin[size] = index;
      size += 1;
    } else {
      if (lookAlike) wordHasLookAlike = true;
      for (let position = 0; position < folded.length; position += 1) {
        if (size + 1 >= output.length) [output, origin] = grow(output, origin);
        output[size] = folded.charCodeAt(position);
        origin[size] = index;
        size += 1;
      }
    }
    index += width;
  }
  if (inWord && wordHasAscii && wordHasLookAlike) {
    mixedScriptWords.push({ start: wordStart, end: length });
  }
  origin[size] = length;

  return {
    // Lone surrogates were folded to U+FFFD, so decoding keeps every offset.
    text: utf16.decode(output.subarray(0, size)),
    origin: origin.subarray(0, size + 1),
    wordStarts: wordStarts.subarray(0, words),
    mixedScriptWords,
    hasInvisible,
  };
}

function grow(output: Uint16Array, origin: Int32Array): [Uint16Array, Int32Array] {
  const grownOutput = new Uint16Array(output.length * 2);
  grownOutput.set(output);
  const grownOrigin = new Int32Array(origin.length * 2 + 1);
  grownOrigin.set(origin);
  return [grownOutput, grownOrigin];
}

/** The original offsets of the folded range `[start, end)`. */
export function originalRange(
  folded: FoldedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const originalStart = folded.origin[start] ?? 0;
  // The end is just after the last folded character's original character (a surrogate pair or
  // a character folded into several counts whole).
  const last = end > start ? (folded.origin[end - 1] ?? originalStart) : originalStart;
  const next = folded.origin[end] ?? last + 1;
  return { start: originalStart, end: Math.max(next, last + 1) };
}
