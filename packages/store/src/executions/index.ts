export {
  defaultProject,
  type ExecutionListQuery,
  type ExecutionStore,
  type InsertedExecution,
  type NewFeedback,
} from "./execution-store.js";
