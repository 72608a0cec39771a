import { parseLabelLine } from "./reasoning-lines.js";

/**
 * Finding the final answer in a model's reasoning. Three kinds of marker, tried in this order
 * (within a kind the last one in the text wins, since models restate and correct themselves):
 * 1. a label line: `Answer: 42`, `**Answer:** 42`, `Final answer: 42`, `### Final Answer` with the
 *    answer on the next lines;
 * 2. a sentence: `Therefore, the answer is 42.`, `So the final answer is 42`, `The answer is 42.`
 *    (at the start of a line or sentence only, so "check whether the answer is even" is no answer);
 * 3. LaTeX `\boxed{42}`.
 */
export interface AnswerMarker {
  kind: "label" | "sentence" | "boxed";
  /** Zero-based line of the marker. */
  line: number;
  /** The answer's raw text (clean it with `cleanAnswer`). */
  value: string;
}

// Each `\s` run is bounded by fixed words on both sides, so matching stays linear in the line.
const sentenceMarker =
  /(?:^|[.!?]\s+)(?:\*\*|__)?(?:(?:therefore|thus|so|hence|consequently|in conclusion),?\s+)?the\s+(?:final\s+|correct\s+)?answer\s+is(?:\s*:)?/gi;

/** The answer marker that decides, or undefined when the text has none. */
export function findAnswerMarker(
  lines: readonly string[],
  options: {
    answerLabel: string;
    /** The text of a line to look for a sentence in (a step line without its number). */
    sentenceText: (index: number) => string;
  },
): AnswerMarker | undefined {
  return (
    lastLabel(lines, options.answerLabel) ??
    lastSentence(lines, options.sentenceText) ??
    lastBoxed(lines)
  );
}

function lastLabel(lines: readonly string[], answerLabel: string): AnswerMarker | undefined {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const label = parseLabelLine(lines[index] ?? "", answerLabel);
    if (label === undefined) continue;
    const value = label.value.trim() === "" ? followingParagraph(lines, index + 1) : label.value;
    return { kind: "label", line: index, value };
  }
  return undefined;
}

function lastSentence(
  lines: readonly string[],
  sentenceText: (index: number) => string,
): AnswerMarker | undefined {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const text = sentenceText(index);
    let end = -1;
    for (const match of text.matchAll(sentenceMarker)) end = match.index + match[0].length;
    if (end !== -1) return { kind: "sentence", line: index, value: text.slice(end) };
  }
  return undefined;
}

function lastBoxed(lines: readonly string[]): AnswerMarker | undefined {
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? "";
    const start = line.lastIndexOf("\\boxed{");
    if (start === -1) continue;
    const value = bracedText(line, start + "\\boxed".length);
    if (value !== undefined) return { kind: "boxed", line: index, value };
  }
  return undefined;
}

/** The lines after a lone label: blank lines skipped, then up to the next blank line. */
function followingParagraph(lines: readonly string[], from: number): string {
  let index = from;
  while (index < lines.length && (lines[index] ?? "").trim() === "") index += 1;
  const paragraph: string[] = [];
  while (index < lines.length && (lines[index] ?? "").trim() !== "") {
    paragraph.push(lines[index] ?? "");
    index += 1;
  }
  return paragraph.join("\n");
}

/** The text inside the braces that open at `open`, or undefined when they never close. */
function bracedText(text: string, open: number): string | undefined {
  let depth = 0;
  for (let index = open; index < text.length; index += 1) {
    const character = text[index];
    if (character === "{") depth += 1;
    else if (character === "}") {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, index);
    }
  }
  return undefined;
}

const wrappers = ["$$", "$", "```", "``", "`", "**", "*"];

/**
 * The answer without its wrapping: bold markers, a whole-answer `*…*`, backticks, `$…$` or
 * `\boxed{…}`, and a final period (kept in an abbreviation such as `D.C.` or `e.g.`).
 */
export function cleanAnswer(raw: string): string {
  let value = raw.trim();
  for (let previous = ""; previous !== value; ) {
    previous = value;
    if (value.startsWith("**")) value = value.slice(2).trim();
    if (value.endsWith("**") && !value.slice(0, -2).includes("**"))
      value = value.slice(0, -2).trim();
    for (const wrapper of wrappers) {
      const inner = value.slice(wrapper.length, -wrapper.length);
      if (
        value.length > 2 * wrapper.length &&
        value.startsWith(wrapper) &&
        value.endsWith(wrapper) &&
        !inner.includes(wrapper[0] ?? "")
      ) {
        value = inner.trim();
        break;
      }
    }
    if (value.startsWith("\\boxed{")) value = bracedText(value, 6)?.trim() ?? value;
    if (value.endsWith(".") && !endsWithAbbreviation(value)) value = value.slice(0, -1).trim();
  }
  return value;
}

/** `D.C.`, `U.S.`, `e.g.`: two or more letter-and-period pairs closing the text. */
function endsWithAbbreviation(text: string): boolean {
  let index = text.length;
  let pairs = 0;
  while (index >= 2 && text[index - 1] === "." && /\p{L}/u.test(text[index - 2] ?? "")) {
    pairs += 1;
    index -= 2;
  }
  return pairs >= 2 && (index === 0 || !/\p{L}/u.test(text[index - 1] ?? ""));
}
