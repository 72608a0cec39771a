import { decodeBase64, decodeHex, looksLikeText, utf8Text } from "./decode-bytes.js";
import type { DecodedPayload } from "./decoded-payload.js";
import { type FoldedText, originalRange } from "./fold-for-matching.js";
import type { ScanReason } from "./scan-types.js";

/**
 * Blocks of encoded text that decode to readable text: base64, hex, percent-encoding, HTML and
 * `\u` escapes, ROT13 and reversed text (recognised by their disguised trigger words), and words
 * spelled out one letter at a time ("S a y t h a t"). Decoded text is returned for scanning; an
 * encoding that decodes to harmless text is no finding.
 */
export interface EncodedFindings {
  reasons: ScanReason[];
  payloads: DecodedPayload[];
}

/** Longest encoded block decoded (the start of a long block is enough to read an instruction). */
const maximumEncodedLength = 8_192;
const maximumPayloads = 8;

/** 1 for the characters of base64 (both alphabets), 2 for lower-case letters among them. */
const base64Class = new Uint8Array(128);
for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/-_") {
  base64Class[character.charCodeAt(0)] = 1;
}
for (const character of "abcdefghijklmnopqrstuvwxyz") base64Class[character.charCodeAt(0)] = 2;
const minimumBase64Length = 16;

/** Runs of base64 characters long enough to hold a sentence, mixing lower case with others. */
function base64Payloads(text: string, payloads: DecodedPayload[]): void {
  let index = 0;
  while (index < text.length && payloads.length < maximumPayloads) {
    const code = text.charCodeAt(index);
    if (code >= 128 || base64Class[code] === 0) {
      index += 1;
      continue;
    }
    const start = index;
    let lower = 0;
    while (index < text.length) {
      const next = text.charCodeAt(index);
      const kind = next < 128 ? (base64Class[next] ?? 0) : 0;
      if (kind === 0) break;
      if (kind === 2) lower += 1;
      index += 1;
    }
    const length = index - start;
    while (index < text.length && text.charCodeAt(index) === 0x3d) index += 1;
    if (length < minimumBase64Length || lower === 0 || lower === length) continue;
    const decoded = utf8Text(
      decodeBase64(text.slice(start, Math.min(index, start + maximumEncodedLength))),
    );
    if (!looksLikeText(decoded)) continue;
    payloads.push({
      category: "encoded-payload",
      rule: "encoded.base64",
      text: decoded,
      start,
      end: index,
      baseWeight: 0,
    });
  }
}

// Hex of ASCII text: every byte's first digit is 2 to 7 ("\\x69\\x67…", "0x69 0x67…", "69676e…",
// "69 67 6e…"), which lets the expression skip most of the text at once.
const hexBlock =
  /(?:\\x[2-7][0-9a-f]){8,}|(?:0x[2-7][0-9a-f][ ,]{0,2}){8,}|\b(?:[2-7][0-9a-f]){12,}|\b[2-7][0-9a-f](?:[ :][2-7][0-9a-f]){11,}/gi;
const percentBlock = /(?:%[0-9a-f]{2}){6,}/gi;
const entityBlock = /(?:&#(?:x[0-9a-f]{1,6}|[0-9]{1,7});){6,}/gi;
const unicodeEscapeBlock = /(?:\\u[0-9a-f]{4}){6,}/gi;

function regexPayloads(
  text: string,
  expression: RegExp,
  rule: string,
  decode: (block: string) => string,
  payloads: DecodedPayload[],
): void {
  expression.lastIndex = 0;
  for (const match of text.matchAll(expression)) {
    if (payloads.length >= maximumPayloads) return;
    const block = match[0].slice(0, maximumEncodedLength);
    let decoded: string;
    try {
      decoded = decode(block);
    } catch {
      continue;
    }
    if (!looksLikeText(decoded)) continue;
    payloads.push({
      category: "encoded-payload",
      rule,
      text: decoded,
      start: match.index,
      end: match.index + match[0].length,
      baseWeight: 0,
    });
  }
}

function decodeEntities(block: string): string {
  return block.replace(/&#(x?)([0-9a-f]{1,7});/gi, (_entity, hex: string, digits: string) => {
    const codePoint = Number.parseInt(digits, hex === "" ? 10 : 16);
    return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : "";
  });
}

function decodeUnicodeEscapes(block: string): string {
  return block.replace(/\\u([0-9a-f]{4})/gi, (_escape, digits: string) =>
    String.fromCharCode(Number.parseInt(digits, 16)),
  );
}

/** Trigger words as ROT13 writes them, and as they read backwards. */
const rot13Triggers = new Set([
  "vtaber",
  "qvfertneq",
  "sbetrg",
  "cerivbhf",
  "vafgehpgvba",
  "vafgehpgvbaf",
  "flfgrz",
  "cebzcg",
  "cergraq",
  "erirny",
  "cnffjbeq",
  "wnvyoernx",
  "ehyrf",
]);
const reversedTriggers = new Set([
  "erongi",
  "dragersid",
  "tegrof",
  "suoiverp",
  "noitcurtsni",
  "snoitcurtsni",
  "metsys",
  "tpmorp",
  "dneterp",
  "laever",
  "drowssap",
  "kaerbliaj",
  "selur",
]);
const disguisedTriggers =
  /\b(?:vtaber|qvfertneq|sbetrg|cerivbhf|vafgehpgvbaf?|flfgrz|cebzcg|cergraq|erirny|cnffjbeq|wnvyoernx|ehyrf|erongi|dragersid|tegrof|suoiverp|s?noitcurtsni|metsys|tpmorp|dneterp|laever|drowssap|kaerbliaj|selur)\b/g;

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (letter) => {
    const base = letter <= "Z" ? 65 : 97;
    return String.fromCharCode(((letter.charCodeAt(0) - base + 13) % 26) + base);
  });
}

function reversed(stretch: string): string {
  return [...stretch].reverse().join("");
}

function decodeHexBlock(block: string): string {
  return utf8Text(decodeHex(block));
}

const disguises = [
  { triggers: rot13Triggers, rule: "encoded.rot13", decode: rot13 },
  { triggers: reversedTriggers, rule: "encoded.reversed", decode: reversed },
];

/**
 * The stretch of folded text around disguised trigger words (two different ones at least, of one
 * disguise), undisguised.
 */
function disguisedPayloads(folded: FoldedText, payloads: DecodedPayload[]): void {
  disguisedTriggers.lastIndex = 0;
  const hits = [...folded.text.matchAll(disguisedTriggers)];
  if (hits.length < 2) return;
  for (const { triggers, rule, decode } of disguises) {
    const own = hits.filter((hit) => triggers.has(hit[0]));
    const first = own[0];
    const last = own.at(-1);
    if (new Set(own.map((hit) => hit[0])).size < 2 || first === undefined || last === undefined) {
      continue;
    }
    const start = Math.max(0, first.index - 300);
    const end = Math.min(folded.text.length, last.index + last[0].length + 300);
    payloads.push({
      category: "encoded-payload",
      rule,
      text: decode(folded.text.slice(start, Math.min(end, start + maximumEncodedLength))),
      ...originalRange(folded, start, end),
      baseWeight: 0.3,
    });
  }
}

const threeSpacedLetters = / [a-z\u00c0-\uffff] [a-z\u00c0-\uffff] [a-z\u00c0-\uffff] /;

function isFoldedLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code > 0x7f;
}

const spelledTrigger =
  /ignor|instruct|forget|disregard|pretend|reveal|prompt|system|say|tell|print|write|output|hate/;

/** Words spelled one letter at a time: at least 10 single letters separated by single spaces. */
function spacedLetters(folded: FoldedText, reasons: ScanReason[]): void {
  const text = folded.text;
  let index = 0;
  while (index < text.length) {
    const runStart = index;
    let letters = "";
    while (
      index < text.length &&
      (index === 0 || text.charCodeAt(index - 1) === 0x20) &&
      (index + 1 === text.length || text.charCodeAt(index + 1) === 0x20) &&
      isFoldedLetter(text.charCodeAt(index))
    ) {
      letters += text[index];
      index += 2;
    }
    if (letters.length >= 10) {
      reasons.push({
        category: "encoded-payload",
        rule: "encoded.spaced-letters",
        evidence: letters.slice(0, 200),
        ...originalRange(folded, runStart, Math.min(text.length, index - 1)),
        weight: spelledTrigger.test(letters) ? 0.55 : 0.35,
      });
    }
    if (index === runStart) index += 1;
  }
}

/** Encoded blocks in `text` (and disguised words in its folded form), decoded. */
export function findEncodedPayloads(text: string, folded: FoldedText): EncodedFindings {
  const reasons: ScanReason[] = [];
  const payloads: DecodedPayload[] = [];
  base64Payloads(text, payloads);
  regexPayloads(text, hexBlock, "encoded.hex", decodeHexBlock, payloads);
  // Searching for a character is cheaper than running an expression that needs it.
  if (text.includes("%")) {
    regexPayloads(text, percentBlock, "encoded.percent", decodeURIComponent, payloads);
  }
  if (text.includes("&#")) {
    regexPayloads(text, entityBlock, "encoded.html-entities", decodeEntities, payloads);
  }
  if (text.includes("\\")) {
    const escapes = unicodeEscapeBlock;
    regexPayloads(text, escapes, "encoded.unicode-escapes", decodeUnicodeEscapes, payloads);
  }
  disguisedPayloads(folded, payloads);
  // Ten letters standing alone in a row start with three: look for those first.
  if (threeSpacedLetters.test(folded.text)) spacedLetters(folded, reasons);
  return { reasons, payloads };
}
