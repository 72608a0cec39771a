/** Characters that render as nothing (or reorder what is shown) and are used to hide text. */
export type InvisibleKind = "zero-width" | "bidi" | "tag" | "variation-selector" | "soft-hyphen";

/** The kind of invisible character `codePoint` is, or undefined for a visible one. */
export function invisibleKind(codePoint: number): InvisibleKind | undefined {
  if (codePoint < 0xad) return undefined;
  if (codePoint === 0xad) return "soft-hyphen";
  if (codePoint === 0x34f || codePoint === 0x180e) return "zero-width";
  if (codePoint >= 0x200b && codePoint <= 0x200d) return "zero-width";
  if (codePoint === 0x200e || codePoint === 0x200f) return "bidi";
  if (codePoint >= 0x202a && codePoint <= 0x202e) return "bidi";
  if (codePoint >= 0x2060 && codePoint <= 0x2064) return "zero-width";
  if (codePoint >= 0x2066 && codePoint <= 0x2069) return "bidi";
  if (codePoint === 0xfeff) return "zero-width";
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return "variation-selector";
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return "tag";
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return "variation-selector";
  return undefined;
}

/** Whether a non-ASCII code point is a space or line break (no-break space, ideographic space…). */
export function isUnicodeSpace(codePoint: number): boolean {
  return (
    codePoint === 0x85 ||
    codePoint === 0xa0 ||
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000
  );
}
