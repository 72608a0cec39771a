import { type FoldedText, originalRange } from "./fold-for-matching.js";
import type { ScanReason } from "./scan-types.js";

/**
 * How much of a text is instructions aimed at the model: the share of its sentences that open
 * with a directive ("You must…", "Never…", "Respond only…", "Do not…"). Data (a review, an
 * email, a retrieved page) rarely reads as a list of orders; a jailbreak usually does.
 */
const fillers = new Set([
  "please",
  "now",
  "and",
  "then",
  "also",
  "so",
  "just",
  "first",
  "finally",
  "instead",
  "additionally",
  "moreover",
]);
/** Words that open a directive on their own. */
const directiveWords = new Set([
  "never",
  "always",
  "only",
  "ensure",
  "remember",
  "respond",
  "answer",
  "reply",
  "write",
  "say",
  "print",
  "output",
  "act",
  "pretend",
  "imagine",
  "stay",
  "keep",
  "begin",
  "start",
  "stop",
  "ignore",
  "forget",
  "disregard",
  "obey",
  "follow",
  "don't",
  "dont",
]);
/** Pairs that open a directive: "you must", "do not", "make sure", "from now", "if you". */
const directivePairs = new Map<string, ReadonlySet<string>>([
  [
    "you",
    new Set([
      "must",
      "will",
      "should",
      "shall",
      "have",
      "need",
      "cannot",
      "can't",
      "won't",
      "may",
      "always",
      "never",
      "do",
      "don't",
    ]),
  ],
  ["do", new Set(["not"])],
  ["make", new Set(["sure"])],
  ["from", new Set(["now"])],
  ["if", new Set(["you"])],
]);

const minimumSentences = 4;
const minimumShare = 0.5;

function isWordCode(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || code === 0x27 || code === 0x2019;
}

/** The lower-case word at `start` (letters and apostrophes, at most 16), and where it ends. */
function wordAt(text: string, start: number, end: number): { word: string; next: number } {
  let index = start;
  while (index < end && index - start < 16 && isWordCode(text.charCodeAt(index))) index += 1;
  const word = text.slice(start, index);
  while (index < end && !isWordCode(text.charCodeAt(index))) index += 1;
  return { word, next: index };
}

/** Whether the sentence `[start, end)` of folded text opens with a directive. */
function opensWithDirective(text: string, start: number, end: number): boolean {
  let position = start;
  let first = wordAt(text, position, end);
  for (let skipped = 0; skipped < 2 && fillers.has(first.word); skipped += 1) {
    position = first.next;
    first = wordAt(text, position, end);
  }
  if (directiveWords.has(first.word)) return true;
  return directivePairs.get(first.word)?.has(wordAt(text, first.next, end).word) === true;
}

export function instructionDensity(folded: FoldedText): ScanReason | undefined {
  const text = folded.text;
  let sentences = 0;
  let directives = 0;
  let firstDirective = -1;
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const code = index < text.length ? text.charCodeAt(index) : 0x2e;
    // . ! ? ; and the end of the text close a sentence.
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f && code !== 0x3b) continue;
    let sentenceStart = start;
    while (sentenceStart < index && !isWordCode(text.charCodeAt(sentenceStart))) sentenceStart += 1;
    if (index - sentenceStart >= 8) {
      sentences += 1;
      if (opensWithDirective(text, sentenceStart, index)) {
        directives += 1;
        if (firstDirective < 0) firstDirective = sentenceStart;
      }
    }
    start = index + 1;
  }
  if (sentences < minimumSentences || directives < 3) return undefined;
  const share = directives / sentences;
  if (share < minimumShare) return undefined;
  const location = originalRange(folded, Math.max(0, firstDirective), text.length);
  return {
    category: "instruction-density",
    rule: "density.directives",
    evidence: `${directives} of ${sentences} sentences are directives to the model`,
    ...location,
    weight: Math.min(0.45, 0.15 + (share - minimumShare) * 0.6),
  };
}
