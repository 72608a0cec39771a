export {
  type CappedContent,
  capExecutionContent,
  truncationMarker,
} from "./cap-execution-content.js";
export {
  defaultProject,
  type ExecutionListQuery,
  type ExecutionStore,
  type InsertedExecution,
  type NewExecutionRecord,
  type NewFeedback,
} from "./execution-store.js";
