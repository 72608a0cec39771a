/**
 * Reading one line of a model's reasoning: is it a step (`Step 2:`, `**2.**`, `### Step 2`), an
 * answer label (`Answer:`, `**Final answer:**`)? Written as plain scanning rather than one large
 * regular expression: patterns with several optional spaces and markers backtrack polynomially,
 * and a reply full of blanks would stall the parser (a linear-time test guards this).
 */

/** A line without its leading blockquote marks, one bullet, one heading mark and opening bold. */
export function withoutLinePrefix(line: string): string {
  let rest = line.trimStart();
  while (rest.startsWith(">")) rest = rest.slice(1).trimStart();
  if (/^[-*+]\s/.test(rest)) rest = rest.slice(1).trimStart();
  const heading = /^#{1,6}(?=\s)/.exec(rest);
  if (heading !== null) rest = rest.slice(heading[0].length).trimStart();
  return withoutBold(rest);
}

/** The text without a leading `**` or `__`, and without the spaces after it. */
export function withoutBold(text: string): string {
  return text.startsWith("**") || text.startsWith("__") ? text.slice(2).trimStart() : text;
}

export interface StepLine {
  number: number;
  text: string;
  /** True for `Step 2`, false for a bare `2.` or `2)`. */
  labelled: boolean;
}

/** The step a line starts, if it starts one. */
export function parseStepLine(line: string, stepLabel: string): StepLine | undefined {
  const rest = withoutLinePrefix(line);
  const label = stepLabel.trim();
  let number: string;
  let after: string;
  let labelled: boolean;
  if (label !== "" && rest.slice(0, label.length).toLowerCase() === label.toLowerCase()) {
    const digits = /^\d+/.exec(rest.slice(label.length).trimStart());
    if (digits === null) return undefined;
    number = digits[0];
    after = rest.slice(label.length).trimStart().slice(number.length);
    labelled = true;
  } else {
    const digits = /^(\d+)[.)]/.exec(rest);
    if (digits?.[1] === undefined || !endsToken(rest, digits[0].length)) return undefined;
    number = digits[1];
    after = rest.slice(digits[0].length);
    labelled = false;
  }
  after = withoutBold(after.trimStart());
  if (after.startsWith(":") || (/^[.)\-–—]/.test(after) && endsToken(after, 1))) {
    after = after.slice(1);
  }
  return { number: Number(number), text: withoutClosingBold(withoutBold(after.trim())), labelled };
}

export interface LabelLine {
  /** The text after the label; empty when the answer is on the following lines. */
  value: string;
}

/**
 * The answer a label line gives: `Answer: 42`, `**Answer:** 42`, `Final answer: 42`, or a label
 * alone (`### Final Answer`, `**Answer:**`) whose answer follows on the next lines.
 */
export function parseLabelLine(line: string, answerLabel: string): LabelLine | undefined {
  const rest = withoutLinePrefix(line);
  const length = labelLength(rest, answerLabel.trim());
  if (length === undefined) return undefined;
  let after = withoutBold(rest.slice(length).trimStart());
  if (after.startsWith(":") || after.startsWith("：")) {
    return { value: withoutBold(after.slice(1).trimStart()) };
  }
  after = after.trim();
  return after === "" ? { value: "" } : undefined;
}

/** How long the answer label at the start of `text` is, or undefined when there is none. */
function labelLength(text: string, answerLabel: string): number | undefined {
  const lower = text.toLowerCase();
  const custom = answerLabel.toLowerCase();
  if (custom !== "" && lower.startsWith(custom) && endsWord(text, custom.length)) {
    return custom.length;
  }
  const final = /^final\s+answer/i.exec(text);
  if (final !== null && endsWord(text, final[0].length)) return final[0].length;
  if (lower.startsWith("answer") && endsWord(text, 6)) return 6;
  return undefined;
}

function endsWord(text: string, index: number): boolean {
  return !/^[\p{L}\p{N}]/u.test(text.slice(index, index + 1));
}

/** True when what follows `index` cannot continue a number or mark (`1.5` is no step). */
function endsToken(text: string, index: number): boolean {
  const next = text.slice(index, index + 1);
  return next === "" || /\s|\*|_/.test(next);
}

/** `Compute it.**` → `Compute it.` when the line was bold as a whole (`**Step 1: Compute it.**`). */
function withoutClosingBold(text: string): string {
  for (const closing of ["**", "__"]) {
    if (text.endsWith(closing) && !text.slice(0, -2).includes(closing)) {
      return text.slice(0, -2).trimEnd();
    }
  }
  return text;
}
