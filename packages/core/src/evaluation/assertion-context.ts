import type { EmbeddingModel } from "../models/embedding-model.js";
import type { LanguageModel } from "../models/language-model.js";

/** What an assertion looks at: the output of one cell and what produced it. */
export interface AssertionInput {
  output: string;
  /** The case's expected output (text or JSON), when it has one. */
  expected?: unknown;
  variables: Record<string, unknown>;
  /** The rendered prompt as text (for judges). */
  prompt?: string;
  latencyMs?: number;
  /** Undefined when the model has no price. */
  costUsd?: number;
  tokens?: { input: number; output: number };
}

/**
 * What the model-based and code-running assertions need, given by whoever runs them (the CLI, the
 * server). Each is optional: an assertion whose service is missing is `errored` with a reason
 * that says what to configure.
 */
export interface AssertionServices {
  /** For `similar`. */
  embeddingModel?: EmbeddingModel;
  /** For `llm-rubric` and `factuality`, unless the assertion names its own `provider`. */
  judgeModel?: LanguageModel;
  /** Resolves an assertion's `provider` (`provider/model`) to a model; undefined if unknown. */
  modelFor?: (modelId: string) => LanguageModel | EmbeddingModel | undefined;
  /**
   * The judge prompts' templates (Handlebars), so they can be versioned Quire prompts; the
   * built-in defaults are used where absent.
   */
  judgePrompts?: { llmRubric?: string; factuality?: string };
  /**
   * Runs a `javascript` assertion's source isolated with a time limit (engine implements it in a
   * worker). Undefined when the project does not allow javascript assertions.
   */
  runJavaScript?: (
    source: string,
    input: AssertionInput,
    options: { timeoutMs: number },
  ) => Promise<unknown>;
  /**
   * Why a service above is absent, said in the reason of the assertions that need it (which
   * setting turns it on, say); core's generic reason where not given.
   */
  unavailableReasons?: { runJavaScript?: string; embeddingModel?: string };
  signal?: AbortSignal;
}
