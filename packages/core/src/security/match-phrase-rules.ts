import type { CompiledPhraseRule } from "./phrase-rule.js";
import type { ScanReason } from "./scan-types.js";

/** Matches reported per rule (the score counts a rule once; more only repeat the evidence). */
const maximumMatchesPerRule = 3;
const maximumEvidenceLength = 200;

export function evidenceOf(text: string, start: number, end: number): string {
  const slice = text.slice(start, Math.min(end, start + maximumEvidenceLength));
  return end - start > maximumEvidenceLength ? `${slice.slice(0, -3)}...` : slice;
}

/** Whether `text` contains one of `strings` (a loop: this runs for every rule of every scan). */
export function containsAny(text: string, strings: readonly string[]): boolean {
  for (const string of strings) if (text.includes(string)) return true;
  return false;
}

/** Rules over the original text (special tokens and delimiters, where case and lines matter). */
export function matchOriginalRules(
  rules: readonly CompiledPhraseRule[],
  original: string,
  reasons: ScanReason[],
): void {
  for (const { expression, requires, ...rule } of rules) {
    if (requires !== undefined && !containsAny(original, requires)) continue;
    expression.lastIndex = 0;
    let found = 0;
    let match = expression.exec(original);
    while (match !== null && found < maximumMatchesPerRule) {
      const start = match.index;
      const end = start + match[0].length;
      reasons.push({ ...rule, evidence: evidenceOf(original, start, end), start, end });
      found += 1;
      if (match[0].length === 0) expression.lastIndex += 1;
      match = expression.exec(original);
    }
  }
}
