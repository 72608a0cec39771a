export { createEvaluationStore } from "./create-evaluation-store.js";
export type * from "./evaluation-store.js";
