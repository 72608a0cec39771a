export type { FailureSummary } from "./common/failure-summary.js";
export type { StrategyCallOptions } from "./common/strategy-options.js";
export {
  type CompiledSchema,
  compileStrategySchema,
  isZodSchema,
  type SchemaCheck,
  type SchemaInput,
} from "./common/strategy-schema.js";
export { type StrategyUsage, UsageMeter } from "./common/usage-meter.js";
export {
  type RunStrategyOptions,
  runStrategy,
  type StrategyRun,
  type ToolCallLimits,
} from "./config/run-strategy.js";
export {
  readStrategyConfig,
  type StrategyConfig,
  type StrategyConfigInput,
  type StrategyName,
  strategyConfigSchema,
  strategyNames,
} from "./config/strategy-config.js";
export {
  type ReactOptions,
  type ReactResult,
  type ReactStep,
  runReact,
} from "./react/react-agent.js";
export { defaultReactInstructions } from "./react/react-prompt.js";
export { parseReactStep, type ReactStepReading } from "./react/react-step-parser.js";
export {
  type AnswerExtractor,
  type AnswerExtractorName,
  answerExtractorNames,
  namedAnswerExtractor,
  normalizeAnswer,
  patternAnswerExtractor,
} from "./self-consistency/answer-extractors.js";
export {
  type SampleOutcome,
  type SelfConsistencyOptions,
  type SelfConsistencyResult,
  selfConsistency,
  type VoteWeighting,
} from "./self-consistency/self-consistency.js";
export {
  type Ballot,
  confidenceFromLogprobs,
  countVotes,
  type VoteCount,
  type VoteShare,
} from "./self-consistency/vote-counting.js";
export {
  generateStructured,
  type StructuredOutputAttempt,
  type StructuredOutputOptions,
  type StructuredOutputResult,
} from "./structured-output/generate-structured.js";
export {
  defaultRepairInstructions,
  defaultStructuredOutputInstructions,
} from "./structured-output/structured-output-prompts.js";
export {
  runToolCalls,
  type ToolCallingOptions,
  type ToolCallingResult,
  type ToolCallRecord,
} from "./tool-calling/run-tool-calls.js";
export {
  type ClientToolDefinition,
  defineTool,
  type StrategyTool,
  type ToolExecutionContext,
} from "./tools/strategy-tool.js";
export { type ToolArgumentsCheck, ToolBox, type ToolOutcome } from "./tools/tool-box.js";
export {
  parseThoughtEvaluation,
  type ThoughtEvaluation,
} from "./tree-of-thoughts/thought-evaluation.js";
export {
  defaultThoughtTemplates,
  type ThoughtTemplates,
} from "./tree-of-thoughts/thought-prompts.js";
export {
  type ThoughtNode,
  type ThoughtSearch,
  type ThoughtStopReason,
  type TreeOfThoughtsOptions,
  type TreeOfThoughtsResult,
  treeOfThoughts,
} from "./tree-of-thoughts/tree-of-thoughts.js";
