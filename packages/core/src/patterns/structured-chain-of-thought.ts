/** The fixed format structured chain-of-thought asks for: `Step N: …` lines, then `Answer: …`. */
export interface StructuredChainOfThoughtOptions {
  /** The word before each step number; default `Step`. */
  stepLabel?: string;
  /** The label of the final line; default `Answer`. */
  answerLabel?: string;
}

export interface StructuredChainOfThoughtInstructionOptions
  extends StructuredChainOfThoughtOptions {
  /** What the answer must be: `a whole number`, `one of: yes, no`. */
  answerFormat?: string;
  /** The most steps the model should use. */
  maxSteps?: number;
}

export interface ReasoningStep {
  /** The number as the model wrote it. */
  number: number;
  text: string;
}

/**
 * Instructions asking for numbered steps and a final answer line, the format that
 * `parseStructuredChainOfThought` reads back.
 */
export function structuredChainOfThoughtInstructions(
  options: StructuredChainOfThoughtInstructionOptions = {},
): string {
  const step = options.stepLabel ?? "Step";
  const answer = options.answerLabel ?? "Answer";
  const lines = [
    "Work through the problem step by step before answering.",
    `Write each step on its own line, numbered "${step} 1:", "${step} 2:" and so on.`,
  ];
  if (options.maxSteps !== undefined) lines.push(`Use at most ${options.maxSteps} steps.`);
  lines.push(
    `Then write the final answer on one last line as "${answer}: <answer>"` +
      (options.answerFormat === undefined ? "." : `, where <answer> is ${options.answerFormat}.`),
    "Write nothing after that line.",
  );
  return lines.join("\n");
}

/** Steps and an answer written in exactly the requested format (for few-shot examples). */
export function formatStructuredChainOfThought(
  steps: readonly string[],
  answer: string,
  options: StructuredChainOfThoughtOptions = {},
): string {
  const step = options.stepLabel ?? "Step";
  const lines = steps.map((text, index) => `${step} ${index + 1}: ${text}`);
  lines.push(`${options.answerLabel ?? "Answer"}: ${answer}`);
  return lines.join("\n");
}
