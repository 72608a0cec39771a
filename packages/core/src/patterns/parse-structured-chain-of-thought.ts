import { cleanAnswer, findAnswerMarker } from "./answer-markers.js";
import { parseStepLine } from "./reasoning-lines.js";
import type {
  ReasoningStep,
  StructuredChainOfThoughtOptions,
} from "./structured-chain-of-thought.js";

export type StructuredChainOfThoughtResult =
  | {
      found: true;
      steps: ReasoningStep[];
      answer: string;
      /** Which marker gave the answer: a label line, a "the answer is" sentence, or `\boxed{}`. */
      answerMarker: "label" | "sentence" | "boxed";
    }
  | {
      found: false;
      /** The steps that were read, so a caller can still show the reasoning. */
      steps: ReasoningStep[];
      answer: undefined;
      /** What was looked for and not found, in words for a log or a user. */
      reason: string;
    };

/**
 * Reads numbered steps and the final answer from a model's reply. Tolerates the usual variations:
 * `Step 1:`, `**Step 1:**`, `### Step 1`, `1.`, `1)` (numbers alone count only when no line uses
 * the step label, so a list inside a step is not mistaken for steps); `Answer:`, `**Answer:**`,
 * `Final answer:`, `Therefore, the answer is …`, `\boxed{…}` (see `findAnswerMarker`). A step runs
 * on over the following lines up to a blank line. Never throws: when there is no answer the result
 * says so (`found: false`, with a `reason`).
 */
export function parseStructuredChainOfThought(
  text: string,
  options: StructuredChainOfThoughtOptions = {},
): StructuredChainOfThoughtResult {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const answerLabel = options.answerLabel ?? "Answer";
  const stepLabel = options.stepLabel ?? "Step";
  const parsed = lines.map((line) => parseStepLine(line, stepLabel));
  const labelledOnly = parsed.some((step) => step?.labelled === true);
  const stepAt = (index: number): ReasoningStep | undefined => {
    const step = parsed[index];
    return step === undefined || (labelledOnly && !step.labelled) ? undefined : step;
  };
  const marker = findAnswerMarker(lines, {
    answerLabel,
    sentenceText: (index) => stepAt(index)?.text ?? lines[index] ?? "",
  });
  // Steps end at a label line; a "the answer is" sentence may close the last step itself.
  const stepsEnd =
    marker === undefined
      ? lines.length
      : marker.kind === "label" || stepAt(marker.line) === undefined
        ? marker.line
        : marker.line + 1;
  const steps = readSteps(lines.slice(0, stepsEnd), stepAt);
  if (marker === undefined) {
    return {
      found: false,
      steps,
      answer: undefined,
      reason: `No final answer found: expected a line starting with "${answerLabel}:" or "Final answer:", a sentence "The answer is …", or \\boxed{…}.`,
    };
  }
  const answer = cleanAnswer(marker.value);
  if (answer === "") {
    return {
      found: false,
      steps,
      answer: undefined,
      reason: `The answer marker on line ${marker.line + 1} is followed by no answer.`,
    };
  }
  return { found: true, steps, answer, answerMarker: marker.kind };
}

function readSteps(
  lines: readonly string[],
  stepAt: (index: number) => ReasoningStep | undefined,
): ReasoningStep[] {
  const steps: ReasoningStep[] = [];
  let current: ReasoningStep | undefined;
  for (const [index, line] of lines.entries()) {
    const step = stepAt(index);
    if (step !== undefined) {
      current = { number: step.number, text: step.text };
      steps.push(current);
    } else if (current !== undefined && line.trim() !== "") {
      current.text = current.text === "" ? line.trim() : `${current.text}\n${line.trim()}`;
    } else if (current !== undefined && current.text !== "") {
      current = undefined; // a blank line ends a step that has text
    }
  }
  return steps;
}

/** Just the final answer of a reply (see `parseStructuredChainOfThought`), or undefined. */
export function extractFinalAnswer(
  text: string,
  options: StructuredChainOfThoughtOptions = {},
): string | undefined {
  return parseStructuredChainOfThought(text, options).answer;
}
