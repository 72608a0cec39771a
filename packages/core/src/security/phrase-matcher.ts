import { type FoldedText, originalRange } from "./fold-for-matching.js";
import { containsAny, evidenceOf } from "./match-phrase-rules.js";
import { compilePattern, type PhraseRule } from "./phrase-rule.js";
import { ruleLeads } from "./rule-leads.js";
import type { ScanReason } from "./scan-types.js";

/** Matches reported per rule (the score counts a rule once; more only repeat the evidence). */
const maximumMatchesPerRule = 3;
/** Characters of a word's start that key the leads which are not whole words. */
const prefixLength = 3;

/** The rules that start with one lead, grouped by what must follow it (checked once each). */
interface Candidate {
  lead: string;
  followers: Array<{ next: readonly string[] | undefined; rules: number[] }>;
}

interface IndexedRule {
  rule: PhraseRule;
  /** Anchored at one position (sticky), to try the rule where one of its leads starts. */
  sticky: RegExp;
}

const wordCharacter = /[\p{L}\p{N}]/u;

function isWordCode(code: number, text: string, index: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
  return wordCharacter.test(text[index] as string);
}

/** `text.startsWith(prefix, position)`, written out: V8 does not optimise the built-in here. */
function startsWithAt(text: string, prefix: string, position: number): boolean {
  if (position + prefix.length > text.length) return false;
  for (let offset = 0; offset < prefix.length; offset += 1) {
    if (text.charCodeAt(position + offset) !== prefix.charCodeAt(offset)) return false;
  }
  return true;
}

/** Hashes of the word starting at `start`: all of it, and its first three characters. */
function wordHashes(text: string, start: number): { whole: number; prefix: number } {
  let whole = 0;
  let prefix = 0;
  let index = start;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (!isWordCode(code, text, index)) break;
    whole = (Math.imul(whole, 31) + code) | 0;
    if (index - start < prefixLength) prefix = whole;
    index += 1;
  }
  return { whole: whole & 0x3fffffff, prefix: prefix & 0x3fffffff };
}

/** Whether, after 1–5 separator characters from `index`, one of `words` starts. */
function followedBy(text: string, index: number, words: readonly string[]): boolean {
  let position = index;
  const limit = Math.min(text.length, index + 5);
  while (position < limit) {
    const code = text.charCodeAt(position);
    if (code === 0x27 || code === 0x2019 || isWordCode(code, text, position)) break;
    position += 1;
  }
  if (position === index) return false;
  for (const word of words) if (startsWithAt(text, word, position)) return true;
  return false;
}

function firstWordLength(lead: string): number {
  return /^[\p{L}\p{N}]*/u.exec(lead)?.[0].length ?? 0;
}

function add(
  map: Map<number, Candidate[]>,
  key: number,
  lead: string,
  next: readonly string[] | undefined,
  rule: number,
): void {
  const list = map.get(key) ?? [];
  map.set(key, list);
  let candidate = list.find((entry) => entry.lead === lead);
  if (candidate === undefined) {
    candidate = { lead, followers: [] };
    list.push(candidate);
  }
  const nextKey = next?.join("|");
  const follower = candidate.followers.find((entry) => entry.next?.join("|") === nextKey);
  if (follower === undefined) candidate.followers.push({ next, rules: [rule] });
  else if (!follower.rules.includes(rule)) follower.rules.push(rule);
}

/** The matches of one text: each rule reported at most three times, never overlapping itself. */
class MatchState {
  private readonly found = new Map<PhraseRule, { count: number; end: number }>();

  constructor(
    private readonly original: string,
    private readonly folded: FoldedText,
    private readonly reasons: ScanReason[],
  ) {}

  report(rule: PhraseRule, start: number, end: number): boolean {
    const seen = this.found.get(rule) ?? { count: 0, end: 0 };
    if (seen.count >= maximumMatchesPerRule || start < seen.end) return false;
    this.found.set(rule, { count: seen.count + 1, end });
    const range = originalRange(this.folded, start, end);
    this.reasons.push({
      category: rule.category,
      rule: rule.rule,
      weight: rule.weight,
      evidence: evidenceOf(this.original, range.start, range.end),
      ...range,
    });
    return true;
  }
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
  /** Leads whose first word is whole, by the hash of that word. */
  private readonly byWord = new Map<number, Candidate[]>();
  /** Leads that start a longer word ("instruction" of "instructions?"), by their first letters. */
  private readonly byPrefix = new Map<number, Candidate[]>();
  private readonly unindexed: Array<{ rule: PhraseRule; expression: RegExp }> = [];
  /** Per rule, 1 + the position it was last tried at (reset after each text). */
  private readonly triedAt: Int32Array;
  /** Per rule with `needs`, for the current text: 0 not checked yet, 1 possible, 2 impossible. */
  private readonly possible: Uint8Array;

  constructor(rules: readonly PhraseRule[]) {
    for (const rule of rules) {
      const expression = compilePattern(rule.pattern, rule.anchored);
      const leads = rule.anchored === false ? undefined : ruleLeads(rule.pattern);
      const indexable = leads?.every(
        ({ lead, wholeWord }) =>
          wordCharacter.test(lead[0] ?? "") && (wholeWord || firstWordLength(lead) >= prefixLength),
      );
      if (leads === undefined || !indexable) {
        this.unindexed.push({ rule, expression });
        continue;
      }
      const index = this.rules.length;
      this.rules.push({ rule, sticky: new RegExp(expression.source, "uy") });
      for (const { lead, next, wholeWord } of leads) {
        const { whole, prefix } = wordHashes(lead, 0);
        if (wholeWord) add(this.byWord, whole, lead, next, index);
        else add(this.byPrefix, prefix, lead, next, index);
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
    const possible = needs === undefined || containsAny(text, needs);
    this.possible[index] = possible ? 1 : 2;
    return possible;
  }

  private tryCandidates(
    candidates: Candidate[],
    text: string,
    position: number,
    state: MatchState,
  ): void {
    for (let candidate = 0; candidate < candidates.length; candidate += 1) {
      const { lead, followers } = candidates[candidate] as Candidate;
      if (!startsWithAt(text, lead, position)) continue;
      for (let follower = 0; follower < followers.length; follower += 1) {
        const { next, rules } = followers[follower] as Candidate["followers"][number];
        if (next !== undefined && !followedBy(text, position + lead.length, next)) continue;
        for (let rule = 0; rule < rules.length; rule += 1) {
          const index = rules[rule] as number;
          // A rule is tried once per position, whichever of its leads brought it here.
          if (this.triedAt[index] === position + 1 || !this.isPossible(index, text)) continue;
          this.triedAt[index] = position + 1;
          const indexed = this.rules[index] as IndexedRule;
          indexed.sticky.lastIndex = position;
          const match = indexed.sticky.exec(text);
          if (match !== null) state.report(indexed.rule, position, position + match[0].length);
        }
      }
    }
  }

  match(original: string, folded: FoldedText, reasons: ScanReason[]): void {
    const text = folded.text;
    const state = new MatchState(original, folded, reasons);
    const starts = folded.wordStarts;
    const length = text.length;
    for (let word = 0; word < starts.length; word += 1) {
      const position = starts[word] ?? 0;
      // Hash the word whole and its first three characters (see wordHashes), inline: this
      // loop runs once per word of every scanned text.
      let whole = 0;
      let prefix = 0;
      let index = position;
      while (index < length) {
        const code = text.charCodeAt(index);
        if (code < 0x80) {
          if (!((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39))) break;
        } else if (!wordCharacter.test(text[index] as string)) break;
        whole = (Math.imul(whole, 31) + code) | 0;
        if (index - position < prefixLength) prefix = whole;
        index += 1;
      }
      const byWord = this.byWord.get(whole & 0x3fffffff);
      if (byWord !== undefined) this.tryCandidates(byWord, text, position, state);
      const byPrefix = this.byPrefix.get(prefix & 0x3fffffff);
      if (byPrefix !== undefined) this.tryCandidates(byPrefix, text, position, state);
    }
    this.triedAt.fill(0);
    this.possible.fill(0);
    for (const { rule, expression } of this.unindexed) {
      expression.lastIndex = 0;
      for (const match of text.matchAll(expression)) {
        if (!state.report(rule, match.index, match.index + match[0].length)) break;
      }
    }
  }
}
