import type { ChatMessage } from "../model-formats/chat-message.js";
import { textMessage } from "./chat-text.js";
import type { FewShotExample } from "./few-shot-example.js";

export interface FewShotOptions {
  /** Default `Input`. */
  inputLabel?: string;
  /** Default `Output`. */
  outputLabel?: string;
  /** Default `Explanation`. */
  explanationLabel?: string;
  /** Show the explanations of examples that have one (default true). */
  explanations?: boolean;
  /**
   * Where an explanation goes: before the output (default: the model reasons, then answers) or
   * after it (the answer first, then why).
   */
  explanationPosition?: "before-output" | "after-output";
}

export interface FewShotTextOptions extends FewShotOptions {
  /** An `Example 1`, `Example 2`… line above each example (default false). */
  numbered?: boolean;
  /** Between examples; default a blank line. */
  separator?: string;
  /**
   * The new input: appended after the examples as `Input: <query>` and an open label for the model
   * to complete (`Output:`, or `Explanation:` when explanations come first).
   */
  query?: string;
}

/**
 * One example as labelled lines: `Input: …`, then `Explanation: …` and `Output: …` in the chosen
 * order. Example text is kept exactly as given (code and whitespace matter).
 */
export function formatFewShotExample(
  example: FewShotExample,
  options: FewShotOptions = {},
): string {
  const labels = labelsOf(options);
  return [`${labels.input}: ${example.input}`, ...answerLines(example, options)].join("\n");
}

/** Examples as a text block, in the order given, optionally followed by the new input. */
export function buildFewShotText(
  examples: readonly FewShotExample[],
  options: FewShotTextOptions = {},
): string {
  const blocks = examples.map((example, index) => {
    const body = formatFewShotExample(example, options);
    return options.numbered === true ? `Example ${index + 1}\n${body}` : body;
  });
  if (options.query !== undefined) blocks.push(queryCue(examples, options.query, options));
  return blocks.join(options.separator ?? "\n\n");
}

/**
 * Examples as alternating chat turns: each input a user message, each answer an assistant message,
 * then the query, if given, as the last user message. An answer is the bare output, unless some
 * example shows an explanation: then every answer is labelled lines (`Explanation: …` and
 * `Output: …`), so all turns share one shape.
 */
export function buildFewShotMessages(
  examples: readonly FewShotExample[],
  options: FewShotOptions & { query?: string } = {},
): ChatMessage[] {
  const labelled = examples.some((example) => showsExplanation(example, options));
  const messages: ChatMessage[] = [];
  for (const example of examples) {
    messages.push(textMessage("user", example.input));
    const answer = labelled ? answerLines(example, options).join("\n") : example.output;
    messages.push(textMessage("assistant", answer));
  }
  if (options.query !== undefined) messages.push(textMessage("user", options.query));
  return messages;
}

function labelsOf(options: FewShotOptions) {
  return {
    input: options.inputLabel ?? "Input",
    output: options.outputLabel ?? "Output",
    explanation: options.explanationLabel ?? "Explanation",
  };
}

function showsExplanation(example: FewShotExample, options: FewShotOptions): boolean {
  return options.explanations !== false && (example.explanation ?? "").trim() !== "";
}

function answerLines(example: FewShotExample, options: FewShotOptions): string[] {
  const labels = labelsOf(options);
  const output = `${labels.output}: ${example.output}`;
  if (!showsExplanation(example, options)) return [output];
  const explanation = `${labels.explanation}: ${example.explanation}`;
  return options.explanationPosition === "after-output"
    ? [output, explanation]
    : [explanation, output];
}

function queryCue(
  examples: readonly FewShotExample[],
  query: string,
  options: FewShotTextOptions,
): string {
  const labels = labelsOf(options);
  const reasonsFirst =
    options.explanationPosition !== "after-output" &&
    examples.some((example) => showsExplanation(example, options));
  return `${labels.input}: ${query}\n${reasonsFirst ? labels.explanation : labels.output}:`;
}
