import type { ScanCategory } from "./scan-types.js";

/**
 * A phrase the detector looks for in folded text (lower case, accents removed, one space between
 * words: see fold-for-matching.ts). Patterns are written in a small notation compiled to a
 * regular expression whose cost is linear in the text:
 * - `_` is a separator: 1–5 characters that are not letters, digits or apostrophes;
 * - `~N` is a gap of up to N words, each followed by a separator;
 * - the whole pattern must start and end at word boundaries.
 * Words (letters, digits, apostrophes) and separators never overlap, so each gap has exactly one
 * way to match and no pattern can backtrack beyond its bounded length.
 */
export interface PhraseRule {
  rule: string;
  category: ScanCategory;
  weight: number;
  pattern: string;
  /** Whether the match must start and end at word boundaries (default true; false for scripts
   * written without spaces, such as Chinese and Japanese). */
  anchored?: boolean;
  /** Strings one of which every match contains (lower case): a rule whose lead words are
   * common is tried only on text that contains one of them, which is cheap to check. */
  needs?: readonly string[];
}

export interface CompiledPhraseRule extends Omit<PhraseRule, "pattern"> {
  expression: RegExp;
  /** When given, the rule can only match text containing one of these strings (checked first:
   * searching for a string is much cheaper than running the expression). */
  requires?: readonly string[];
}

const word = "[\\p{L}\\p{N}'’]{1,40}";
const separator = "[^\\p{L}\\p{N}'’]{1,5}";

export function compilePattern(pattern: string, anchored = true): RegExp {
  const source = pattern
    .replace(/~(\d)/g, (_match, count: string) => `(?:${word}${separator}){0,${count}}`)
    .replace(/_/g, separator);
  return new RegExp(anchored ? `(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])` : source, "gu");
}

export function compilePhraseRules(rules: readonly PhraseRule[]): CompiledPhraseRule[] {
  return rules.map(({ pattern, anchored, needs: _needs, ...rest }) => ({
    ...rest,
    expression: compilePattern(pattern, anchored),
  }));
}
