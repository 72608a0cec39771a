import type { ChatMessage } from "../model-formats/chat-message.js";
import { textMessage } from "./chat-text.js";

/** Kojima et al. (2022), "Large Language Models are Zero-Shot Reasoners". */
export const zeroShotChainOfThoughtTrigger = "Let's think step by step.";

export interface ChainOfThoughtOptions {
  /** Default `Q`. */
  questionLabel?: string;
  /** Default `A`. */
  answerLabel?: string;
}

/** A solved example for few-shot chain-of-thought: the question, the reasoning, the answer. */
export interface ReasoningExample {
  question: string;
  reasoning: string;
  answer: string;
}

/** `Q: <question>\nA: Let's think step by step.`: the model continues the reasoning. */
export function zeroShotChainOfThought(
  question: string,
  options: ChainOfThoughtOptions & { trigger?: string } = {},
): string {
  const labels = labelsOf(options);
  return `${labels.question}: ${question}\n${labels.answer}: ${options.trigger ?? zeroShotChainOfThoughtTrigger}`;
}

/** For chat models: one user message, the question followed by the trigger on its own line. */
export function zeroShotChainOfThoughtMessages(
  question: string,
  options: { trigger?: string } = {},
): ChatMessage[] {
  return [
    textMessage("user", `${question}\n\n${options.trigger ?? zeroShotChainOfThoughtTrigger}`),
  ];
}

/**
 * Wei et al. (2022) few-shot chain-of-thought: each example answered with its reasoning and
 * `The answer is <answer>.`, then the question with an open `A:`.
 */
export function fewShotChainOfThought(
  examples: readonly ReasoningExample[],
  question: string,
  options: ChainOfThoughtOptions & { answerPhrase?: string } = {},
): string {
  const labels = labelsOf(options);
  const blocks = examples.map(
    (example) =>
      `${labels.question}: ${example.question}\n${labels.answer}: ${reasonedAnswer(example, options.answerPhrase)}`,
  );
  blocks.push(`${labels.question}: ${question}\n${labels.answer}:`);
  return blocks.join("\n\n");
}

/** The same as chat turns: user question, assistant reasoning and answer, …, user question. */
export function fewShotChainOfThoughtMessages(
  examples: readonly ReasoningExample[],
  question: string,
  options: { answerPhrase?: string } = {},
): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const example of examples) {
    messages.push(textMessage("user", example.question));
    messages.push(textMessage("assistant", reasonedAnswer(example, options.answerPhrase)));
  }
  messages.push(textMessage("user", question));
  return messages;
}

/**
 * The reasoning, then `The answer is <answer>.` (on a new line when the reasoning spans lines; no
 * period added when the answer already ends with punctuation).
 */
export function reasonedAnswer(example: ReasoningExample, answerPhrase = "The answer is"): string {
  const reasoning = example.reasoning.trim();
  const answer = example.answer.trim();
  const sentence = `${answerPhrase} ${answer}${/[.!?]$/.test(answer) ? "" : "."}`;
  if (reasoning === "") return sentence;
  return `${reasoning}${reasoning.includes("\n") ? "\n" : " "}${sentence}`;
}

function labelsOf(options: ChainOfThoughtOptions) {
  return { question: options.questionLabel ?? "Q", answer: options.answerLabel ?? "A" };
}
