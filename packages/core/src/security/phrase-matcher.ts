import { type FoldedText, originalRange } from "./fold-for-matching.js";
import { evidenceOf } from "./match-phrase-rules.js";
import { compilePattern, type PhraseRule } from "./phrase-rule.js";
import { ruleLeads } from "./rule-leads.js";
import type { ScanReason } from "./scan-types.js";

/** Matches reported per rule (the score counts a rule once; more only repeat the evidence). */
const maximumMatchesPerRule = 3;

interface Candidate {
  lead: string;
  next: readonly string[] | undefined;
  index: number;
}

interface IndexedRule {
  rule: PhraseRule;
  /** Anchored at one position (sticky), to try the rule where one of its leads starts. */
  sticky: RegExp;
}

const wordCharacter = /[\p{L}\p{N}]/u;

/** `text.startsWith(prefix, position)`, written out: V8 does not optimise the built-in here. */
function startsWithAt(text: string, prefix: string, position: number): boolean {
  if (position + prefix.length > text.length) return false;
  for (let offset = 0; offset < prefix.length; offset += 1) {
    if (text.charCodeAt(position + offset) !== prefix.charCodeAt(offset)) return false;
  }
  return true;
}

function isWordCode(code: number, character: string): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return wordCharacter.test(character);
}

/**
 * The key of the word at `start`: a hash of its first three characters (of the whole word when
 * shorter, so "no" and "not" differ). Keys only narrow the rules to try; each is then checked.
 */
function wordKey(text: string, start: number): number {
  let key = 0;
  const end = Math.min(text.length, start + 3);
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (!isWordCode(code, code < 0x80 ? "" : (text[index] as string))) break;
    key = (Math.imul(key, 31) + code) | 0;
  }
  return key & 0x3fffffff;
}

/** Whether, after 1–5 separator characters from `index`, one of `words` starts. */
function followedBy(text: string, index: number, words: readonly string[]): boolean {
  let position = index;
  const limit = Math.min(text.length, index + 5);
  while (position < limit) {
    const code = text.charCodeAt(position);
    if (
      code === 0x27 ||
      code === 0x2019 ||
      isWordCode(code, code < 0x80 ? "" : (text[position] as string))
    )
      break;
    position += 1;
  }
  if (position === index) return false;
  for (const word of words) if (startsWithAt(text, word, position)) return true;
  return false;
}

/**
 * Phrase rules matched at word starts: each rule's leading words ("ignore", "you are",
 * "vergiss"…) are read from its pattern, and at each word of the text only the rules that can
 * start with that word are tried, anchored there. Tens of rules then cost about one pass over
 * the words, which keeps the detector fast. Rules whose start cannot be read as words (and rules
 * for scripts written without spaces) are matched on their own.
 */
export class PhraseMatcher {
  private readonly rules: IndexedRule[] = [];
  private readonly byKey = new Map<number, Candidate[]>();
  private readonly unindexed: Array<{ rule: PhraseRule; expression: RegExp }> = [];
  /** Per rule, 1 + the position it was last tried at (reset after each text). */
  private readonly triedAt: Int32Array;
  /** Per rule with `needs`, for the current text: 0 not checked yet, 1 possible, 2 impossible. */
  private readonly possible: Uint8Array;

  constructor(rules: readonly PhraseRule[]) {
    for (const rule of rules) {
      const expression = compilePattern(rule.pattern, rule.anchored);
      const leads = rule.anchored === false ? undefined : ruleLeads(rule.pattern);
      if (leads === undefined || leads.some(({ lead }) => !wordCharacter.test(lead[0] ?? ""))) {
        this.unindexed.push({ rule, expression });
        continue;
      }
      const index = this.rules.length;
      this.rules.push({ rule, sticky: new RegExp(expression.source, "uy") });
      for (const { lead, next } of leads) {
        const key = wordKey(lead, 0);
        const list = this.byKey.get(key) ?? [];
        list.push({ lead, next, index });
        this.byKey.set(key, list);
      }
    }
    this.triedAt = new Int32Array(this.rules.length);
    this.possible = new Uint8Array(this.rules.length);
  }

  /** Whether the text holds one of the rule's `needs` (checked once per text). */
  private isPossible(index: number, text: string): boolean {
    const known = this.possible[index];
    if (known === 1) return true;
    if (known === 2) return false;
    const needs = (this.rules[index] as IndexedRule).rule.needs;
    const possible = needs === undefined || needs.some((needed) => text.includes(needed));
    this.possible[index] = possible ? 1 : 2;
    return possible;
  }

  match(original: string, folded: FoldedText, reasons: ScanReason[]): void {
    const text = folded.text;
    const found = new Map<PhraseRule, { count: number; end: number }>();
    const report = (rule: PhraseRule, start: number, end: number): boolean => {
      const seen = found.get(rule) ?? { count: 0, end: 0 };
      if (seen.count >= maximumMatchesPerRule || start < seen.end) return false;
      found.set(rule, { count: seen.count + 1, end });
      const range = originalRange(folded, start, end);
      const { pattern: _pattern, anchored: _anchored, ...facts } = rule;
      reasons.push({ ...facts, evidence: evidenceOf(original, range.start, range.end), ...range });
      return true;
    };
    const starts = folded.wordStarts;
    const tried = this.triedAt;
    for (let word = 0; word < starts.length; word += 1) {
      const position = starts[word] ?? 0;
      const candidates = this.byKey.get(wordKey(text, position));
      if (candidates === undefined) continue;
      for (let candidate = 0; candidate < candidates.length; candidate += 1) {
        const { lead, next, index } = candidates[candidate] as Candidate;
        if (tried[index] === position + 1 || !startsWithAt(text, lead, position)) continue;
        if (next !== undefined && !followedBy(text, position + lead.length, next)) continue;
        if (!this.isPossible(index, text)) continue;
        // Another lead of the same rule may still match here: mark the rule tried only now.
        tried[index] = position + 1;
        const indexed = this.rules[index] as IndexedRule;
        indexed.sticky.lastIndex = position;
        const match = indexed.sticky.exec(text);
        if (match !== null) report(indexed.rule, position, position + match[0].length);
      }
    }
    tried.fill(0);
    this.possible.fill(0);
    for (const { rule, expression } of this.unindexed) {
      expression.lastIndex = 0;
      for (const match of text.matchAll(expression)) {
        if (!report(rule, match.index, match.index + match[0].length)) break;
      }
    }
  }
}
