import type { ExecutionStore } from "./executions/execution-store.js";
import type { PromptStore } from "./prompt-store.js";

/** What `openStore` returns: the registry and, on the same database, the execution log. */
export interface Store extends PromptStore {
  readonly executions: ExecutionStore;
}
