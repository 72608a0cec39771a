export * from "./evaluation/cell-result.js";
export * from "./evaluation/compare-runs.js";
export * from "./evaluation/eval-plan.js";
export * from "./evaluation/eval-run-storage.js";
export * from "./evaluation/run-evaluation.js";
export * from "./evaluation/summarize-results.js";
