import type { CellResult } from "../evaluation/cell-result.js";

/** A finished cell with plain defaults, for summaries and comparisons built by hand. */
export function cellFixture(fields: Partial<CellResult> & { caseId: string }): CellResult {
  const status = fields.status ?? "passed";
  return {
    promptId: "prompt:1",
    modelId: "test/model",
    repeatIndex: 0,
    status,
    output: "",
    score: status === "passed" ? 1 : 0,
    assertions: [],
    latencyMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    costUsd: null,
    cacheHit: false,
    finishedAt: "2026-01-01T00:00:00.000Z",
    ...fields,
  };
}
