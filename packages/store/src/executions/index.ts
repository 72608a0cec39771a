export {
  defaultProject,
  type ExecutionListQuery,
  type ExecutionStore,
  type InsertedExecution,
  type NewExecutionRecord,
  type NewFeedback,
} from "./execution-store.js";
