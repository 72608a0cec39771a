import { utf8Text } from "./decode-bytes.js";
import type { DecodedPayload } from "./decoded-payload.js";
import { invisibleKind } from "./invisible-characters.js";
import type { ScanReason } from "./scan-types.js";

/**
 * Invisible characters used to hide or disguise text: zero-width characters splitting words
 * ("ig\u200Bnore") or encoding bits, bidirectional controls reordering what a reader sees, and
 * the two known ways of smuggling whole messages — Unicode tag characters (U+E0000 block, each an
 * invisible copy of an ASCII character) and runs of variation selectors (each one byte). Smuggled
 * messages are decoded and returned for scanning.
 */
export interface HiddenCharacterFindings {
  reasons: ScanReason[];
  payloads: DecodedPayload[];
}

const blackFlag = 0x1f3f4;
const cancelTag = 0xe007f;
const zeroWidthJoiner = 0x200d;
const zeroWidthNonJoiner = 0x200c;
const maximumReasonsPerRule = 3;
/** Longest hidden message decoded (the rest is still reported, not scanned). */
const maximumDecodedLength = 4_096;

function isAsciiAlphanumeric(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}

/** One run of consecutive invisible characters. */
interface InvisibleRun {
  start: number;
  end: number;
  codePoints: number[];
  before: number;
}

export function findHiddenCharacters(text: string): HiddenCharacterFindings {
  const reasons: ScanReason[] = [];
  const payloads: DecodedPayload[] = [];
  const counts = new Map<string, number>();
  const report = (reason: ScanReason) => {
    const count = counts.get(reason.rule) ?? 0;
    counts.set(reason.rule, count + 1);
    if (count < maximumReasonsPerRule) reasons.push(reason);
  };

  const closeRun = (run: InvisibleRun, after: number) => {
    const points = run.codePoints;
    const first = points[0] ?? 0;
    const evidence = points
      .slice(0, 50)
      .map((point) => `U+${point.toString(16).toUpperCase()}`)
      .join(" ");
    const shown = evidence.length > 200 ? `${evidence.slice(0, 197)}...` : evidence;
    const location = { start: run.start, end: run.end };
    if (first >= 0xe0000 && first <= 0xe007f && points.every((point) => point >= 0xe0000)) {
      // A subdivision flag (🏴 + a few tags + cancel tag) is the one legitimate use.
      const isFlag = run.before === blackFlag && points.at(-1) === cancelTag && points.length <= 8;
      if (isFlag) return;
      const decoded = String.fromCharCode(
        ...points
          .slice(0, maximumDecodedLength)
          .filter((point) => point < cancelTag)
          .map((point) => point - 0xe0000),
      );
      report({
        category: "hidden-characters",
        rule: "hidden.tag-characters",
        evidence: decoded.slice(0, 200),
        ...location,
        weight: 0.6,
      });
      payloads.push({
        category: "hidden-characters",
        rule: "hidden.tag-characters",
        text: decoded,
        ...location,
        baseWeight: 0.6,
      });
      return;
    }
    const selectors = points.filter(
      (point) => (point >= 0xfe00 && point <= 0xfe0f) || (point >= 0xe0100 && point <= 0xe01ef),
    );
    if (selectors.length >= 4 && selectors.length === points.length) {
      const bytes = Uint8Array.from(selectors.slice(0, maximumDecodedLength), (point) =>
        point <= 0xfe0f ? point - 0xfe00 : point - 0xe0100 + 16,
      );
      const decoded = utf8Text(bytes);
      report({
        category: "hidden-characters",
        rule: "hidden.variation-selectors",
        evidence: decoded.slice(0, 200),
        ...location,
        weight: 0.5,
      });
      payloads.push({
        category: "hidden-characters",
        rule: "hidden.variation-selectors",
        text: decoded,
        ...location,
        baseWeight: 0.5,
      });
      return;
    }
    const bidi = points.filter((point) => invisibleKind(point) === "bidi");
    if (bidi.length > 0 && !(bidi.length === points.length && bidiMarksOnly(bidi))) {
      const overrides = bidi.some((point) => point === 0x202d || point === 0x202e);
      report({
        category: "hidden-characters",
        rule: "hidden.bidi-control",
        evidence: shown,
        ...location,
        weight: overrides ? 0.45 : 0.3,
      });
    }
    const zeroWidth = points.filter((point) => invisibleKind(point) === "zero-width");
    if (zeroWidth.length >= 3) {
      report({
        category: "hidden-characters",
        rule: "hidden.zero-width-run",
        evidence: shown,
        ...location,
        weight: zeroWidth.length >= 8 ? 0.6 : 0.45,
      });
      const bits = zeroWidthBits(zeroWidth);
      if (bits !== undefined) {
        payloads.push({
          category: "hidden-characters",
          rule: "hidden.zero-width-bits",
          text: bits,
          ...location,
          baseWeight: 0.45,
        });
      }
    } else if (
      zeroWidth.length > 0 &&
      isAsciiAlphanumeric(run.before) &&
      isAsciiAlphanumeric(after) &&
      !(zeroWidth.length === 1 && (first === zeroWidthJoiner || first === zeroWidthNonJoiner))
    ) {
      report({
        category: "hidden-characters",
        rule: "hidden.zero-width-in-word",
        evidence: `${text.slice(Math.max(0, run.start - 20), run.end + 20)} (${shown})`,
        ...location,
        weight: 0.35,
      });
    }
  };

  let run: InvisibleRun | undefined;
  let previous = 0;
  let index = 0;
  while (index < text.length) {
    const codePoint = text.codePointAt(index) ?? 0;
    const width = codePoint > 0xffff ? 2 : 1;
    const kind = codePoint >= 0xad ? invisibleKind(codePoint) : undefined;
    if (kind !== undefined && kind !== "soft-hyphen") {
      if (run === undefined) run = { start: index, end: index, codePoints: [], before: previous };
      run.codePoints.push(codePoint);
      run.end = index + width;
    } else {
      if (run !== undefined) {
        closeRun(run, codePoint);
        run = undefined;
      }
      previous = codePoint;
    }
    index += width;
  }
  if (run !== undefined) closeRun(run, 0);
  // A zero-width character splitting many words is stronger evidence than one.
  const inWord = counts.get("hidden.zero-width-in-word") ?? 0;
  if (inWord >= 3) {
    for (const reason of reasons) {
      if (reason.rule === "hidden.zero-width-in-word") reason.weight = 0.6;
    }
  }
  return { reasons, payloads };
}

/** Left-to-right and right-to-left marks alone are ordinary in right-to-left text. */
function bidiMarksOnly(points: number[]): boolean {
  return points.every((point) => point === 0x200e || point === 0x200f);
}

/**
 * A message written in two zero-width characters as bits (one for 0, the other for 1), 8 a
 * byte: decoded when the run uses exactly two characters and reads as text either way round.
 */
function zeroWidthBits(points: number[]): string | undefined {
  const distinct = [...new Set(points)];
  if (distinct.length !== 2 || points.length < 16) return undefined;
  const [zero, one] = distinct as [number, number];
  for (const high of [one, zero]) {
    const bytes = new Uint8Array(Math.min(maximumDecodedLength, Math.floor(points.length / 8)));
    for (let byte = 0; byte < bytes.length; byte += 1) {
      let value = 0;
      for (let bit = 0; bit < 8; bit += 1) {
        value = (value << 1) | (points[byte * 8 + bit] === high ? 1 : 0);
      }
      bytes[byte] = value;
    }
    const decoded = utf8Text(bytes);
    if (/^[\x20-\x7e\n\t]+$/.test(decoded)) return decoded;
  }
  return undefined;
}
