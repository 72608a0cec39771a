import type { AssertionResult, ModelErrorClass } from "@quire/core";
import type { CellKey } from "./eval-plan.js";

/**
 * The result of one cell. `errored` means no verdict could be reached (render failed, the
 * provider failed after its retries): it is neither passed nor failed, and the run goes on.
 */
export interface CellResult extends CellKey {
  status: "passed" | "failed" | "errored";
  output: string;
  score: number;
  assertions: AssertionResult[];
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** Null when the model has no price. */
  costUsd: number | null;
  cacheHit: boolean;
  /**
   * `tools`: the version names tools the run does not have (or malformed tool config);
   * `strategy`: its strategy config is invalid or the strategy could not run.
   */
  error?: {
    class: ModelErrorClass | "render" | "assertion" | "internal" | "strategy" | "tools";
    message: string;
  };
  provenance?: unknown;
  /** ISO time the cell finished. */
  finishedAt: string;
}
