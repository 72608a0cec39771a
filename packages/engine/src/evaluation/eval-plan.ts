import type {
  AssertionSpec,
  ChatMessage,
  GenerationParameters,
  JsonSchema,
  LanguageModel,
  TestCase,
} from "@quire/core";

/** What a prompt under test renders for one case. */
export interface RenderedForEval {
  messages: ChatMessage[];
  /** The version's own parameters (a model's `params` and the run's override them). */
  params?: GenerationParameters;
  /** Which versions the render used (the prompt's and its components'), kept with the result. */
  provenance?: unknown;
  /**
   * The version's config, for its `strategy` (ReAct, tool calling, self-consistency…), `tools`
   * (names of tools the run's `tools` must hold) and `toolDefinitions` (client-side tools).
   * Absent, or no strategy: one plain model call.
   */
  config?: Readonly<Record<string, unknown>>;
  /** The version's output schema, for the structured-output strategy. */
  outputSchema?: JsonSchema | null;
}

/**
 * One prompt of the matrix: a registry version (the server renders it with composition) or a
 * local `.prompt` file (the CLI renders it). `id` is stable across runs: what results and
 * comparisons are keyed on (e.g. `support/triage:3` or `prompts/triage.prompt`).
 */
export interface EvalPrompt {
  id: string;
  /** Shown in reports. */
  label: string;
  render(variables: Record<string, unknown>): Promise<RenderedForEval>;
}

/** One model of the matrix; `id` is `provider/model` (or a config's label for it). */
export interface EvalModel {
  id: string;
  model: LanguageModel;
  params?: GenerationParameters;
}

/** The matrix: prompts × models × cases, each cell `repeat` times (default 1). */
export interface EvalPlan {
  prompts: EvalPrompt[];
  models: EvalModel[];
  cases: TestCase[];
  repeat?: number;
  /** Applied to every case, before the case's own assertions (promptfoo's `defaultTest`). */
  defaultAssertions?: AssertionSpec[];
}

/** Names one cell of the matrix. */
export interface CellKey {
  promptId: string;
  modelId: string;
  caseId: string;
  /** 0-based, below `repeat`. */
  repeatIndex: number;
}

/** `promptId|modelId|caseId|repeatIndex` with each part percent-encoded: unique per cell. */
export function cellKeyString(key: CellKey): string {
  return [key.promptId, key.modelId, key.caseId, String(key.repeatIndex)]
    .map(encodeURIComponent)
    .join("|");
}
