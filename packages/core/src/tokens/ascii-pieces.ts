/**
 * The first step of byte-pair encoding splits text into pieces with a regular expression (one
 * per encoding, below). Running that expression, with its Unicode property classes, is most of
 * the cost of counting; for ASCII text the same split is a few table look-ups per character.
 * `o200kPieceEnd` and `cl100kPieceEnd` give the end of the piece that starts at `start`, exactly
 * as the expression would, or -1 as soon as the answer depends on a non-ASCII character: the
 * caller then asks the expression itself (`piecePatterns`, sticky) for that one piece. The two
 * agree on every input: `ascii-pieces.property.test.ts` checks them against the expressions.
 */

/**
 * The split patterns of OpenAI's tiktoken, as gpt-tokenizer writes them for JavaScript (no
 * possessive quantifiers; same pieces). Sticky: they match at `lastIndex` only.
 */
const contraction = "'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE])";
export const piecePatterns = {
  o200k_base: new RegExp(
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:${contraction})?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:${contraction})?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
    "uy",
  ),
  cl100k_base: new RegExp(
    String.raw`${contraction}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s+$|\s*[\r\n]|\s+(?!\S)|\s`,
    "uy",
  ),
} as const;

const upper = 1;
const lower = 2;
const digit = 4;
/** `\s` in JavaScript: tab, line feed, vertical tab, form feed, carriage return, space. */
const space = 8;
/** Neither `\s` nor a letter nor a digit: punctuation, symbols, control characters. */
const other = 16;
const letter = upper | lower;
const lineFeed = 10;
const carriageReturn = 13;
const blank = 32;
const apostrophe = 39;
const slash = 47;

const classes = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  classes[code] = /[A-Z]/.test(char)
    ? upper
    : /[a-z]/.test(char)
      ? lower
      : /[0-9]/.test(char)
        ? digit
        : /\s/.test(char)
          ? space
          : other;
}

/** The class of the character at `index`: 0 past the end, -1 when it is not ASCII. */
function classAt(text: string, index: number): number {
  if (index >= text.length) return 0;
  const code = text.charCodeAt(index);
  return code < 128 ? (classes[code] as number) : -1;
}

/** End of an optional `'s`, `'t`, `'re`, `'ve`, `'m`, `'ll`, `'d` (any case) at `index`. */
function contractionEnd(text: string, index: number): number {
  if (text.charCodeAt(index) !== apostrophe) return index;
  const first = text.charCodeAt(index + 1) | 0x20; // lower case for ASCII letters
  if (first === 0x73 || first === 0x64 || first === 0x6d || first === 0x74) return index + 2; // s d m t
  const second = text.charCodeAt(index + 2) | 0x20;
  if (
    (first === 0x6c && second === 0x6c) || // ll
    (first === 0x76 && second === 0x65) || // ve
    (first === 0x72 && second === 0x65) // re
  )
    return index + 3;
  return index;
}

/** End of a run of characters of `wanted` classes from `index`, or -1 if a non-ASCII one stops it. */
function runEnd(text: string, index: number, wanted: number): number {
  let end = index;
  for (;;) {
    const kind = classAt(text, end);
    if (kind === -1) return -1;
    if ((kind & wanted) === 0) return end;
    end += 1;
  }
}

/** End of up to three digits from `index` (`\p{N}{1,3}`), or -1. */
function digitsEnd(text: string, index: number): number {
  let end = index + 1;
  while (end < index + 3) {
    const kind = classAt(text, end);
    if (kind === -1) return -1;
    if (kind !== digit) break;
    end += 1;
  }
  return end;
}

/**
 * Whitespace from `index`: the end of the run, and where the last line break in it ends (or -1
 * when the run has none). `run` is -1 when a non-ASCII character stops the run.
 */
function whitespaceRun(text: string, index: number): { run: number; lastBreakEnd: number } {
  let end = index;
  let lastBreakEnd = -1;
  for (;;) {
    const kind = classAt(text, end);
    if (kind === -1) return { run: -1, lastBreakEnd };
    if (kind !== space) return { run: end, lastBreakEnd };
    const code = text.charCodeAt(end);
    end += 1;
    if (code === lineFeed || code === carriageReturn) lastBreakEnd = end;
  }
}

/** `[^\s\p{L}\p{N}]+` then `[\r\n]*` (and `/` for o200k) from `index`, or -1. */
function symbolsEnd(text: string, index: number, slashes: boolean): number {
  const end = runEnd(text, index, other);
  if (end === -1) return -1;
  let tail = end;
  for (;;) {
    const code = text.charCodeAt(tail);
    if (code === lineFeed || code === carriageReturn || (slashes && code === slash)) tail += 1;
    else return tail;
  }
}

/** o200k: upper-case letters, then lower-case letters, then a contraction (from `index`). */
function o200kWordEnd(text: string, index: number): number {
  const uppers = runEnd(text, index, upper);
  if (uppers === -1) return -1;
  const lowers = runEnd(text, uppers, lower);
  if (lowers === -1) return -1;
  return contractionEnd(text, lowers);
}

/** End of the o200k_base piece that starts at `start`, or -1 to ask the expression. */
export function o200kPieceEnd(text: string, start: number): number {
  const first = classAt(text, start);
  if (first === -1) return -1;
  if ((first & letter) !== 0) return o200kWordEnd(text, start);
  if (first === digit) return digitsEnd(text, start);
  const code = text.charCodeAt(start);
  // One leading character that is not a line break, then letters.
  if (code !== lineFeed && code !== carriageReturn) {
    const next = classAt(text, start + 1);
    if (next === -1) return -1;
    if ((next & letter) !== 0) return o200kWordEnd(text, start + 1);
  }
  if (first === other) return symbolsEnd(text, start, true);
  // A space before symbols belongs to them.
  if (code === blank) {
    const next = classAt(text, start + 1);
    if (next === -1) return -1;
    if (next === other) return symbolsEnd(text, start + 1, true);
  }
  return whitespaceEnd(text, start, false);
}

/** End of the cl100k_base piece that starts at `start`, or -1 to ask the expression. */
export function cl100kPieceEnd(text: string, start: number): number {
  const first = classAt(text, start);
  if (first === -1) return -1;
  const code = text.charCodeAt(start);
  if (code === apostrophe) {
    const end = contractionEnd(text, start);
    if (end !== start) return end;
  }
  if ((first & letter) !== 0) return runEnd(text, start, letter);
  if (first === digit) return digitsEnd(text, start);
  if (code !== lineFeed && code !== carriageReturn) {
    const next = classAt(text, start + 1);
    if (next === -1) return -1;
    if ((next & letter) !== 0) return runEnd(text, start + 1, letter);
  }
  if (first === other) return symbolsEnd(text, start, false);
  if (code === blank) {
    const next = classAt(text, start + 1);
    if (next === -1) return -1;
    if (next === other) return symbolsEnd(text, start + 1, false);
  }
  return whitespaceEnd(text, start, true);
}

/**
 * The whitespace alternatives, in the patterns' order. o200k: `\s*[\r\n]+|\s+(?!\S)|\s+`;
 * cl100k: `\s+$|\s*[\r\n]|\s+(?!\S)|\s`.
 */
function whitespaceEnd(text: string, start: number, runToEndFirst: boolean): number {
  const { run, lastBreakEnd } = whitespaceRun(text, start);
  if (run === -1) return -1;
  if (runToEndFirst && run === text.length) return run;
  if (lastBreakEnd !== -1) return lastBreakEnd;
  if (run === text.length) return run;
  // Followed by a non-space: leave the last space to the next piece when there are two or more.
  return run - start >= 2 ? run - 1 : start + 1;
}
