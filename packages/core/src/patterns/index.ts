export {
  type ChainOfThoughtOptions,
  fewShotChainOfThought,
  fewShotChainOfThoughtMessages,
  type ReasoningExample,
  reasonedAnswer,
  zeroShotChainOfThought,
  zeroShotChainOfThoughtMessages,
  zeroShotChainOfThoughtTrigger,
} from "./chain-of-thought.js";
export {
  buildFewShotMessages,
  buildFewShotText,
  type FewShotOptions,
  type FewShotTextOptions,
  formatFewShotExample,
} from "./few-shot.js";
export type { FewShotExample } from "./few-shot-example.js";
export {
  extractFinalAnswer,
  parseStructuredChainOfThought,
  type StructuredChainOfThoughtResult,
} from "./parse-structured-chain-of-thought.js";
export {
  formatStructuredChainOfThought,
  type ReasoningStep,
  type StructuredChainOfThoughtInstructionOptions,
  type StructuredChainOfThoughtOptions,
  structuredChainOfThoughtInstructions,
} from "./structured-chain-of-thought.js";
export {
  buildSystemPrompt,
  buildSystemPromptMessages,
  roleSentence,
  type SystemPromptMessagesOptions,
  type SystemPromptOptions,
  type SystemPromptSpec,
} from "./system-prompt.js";
