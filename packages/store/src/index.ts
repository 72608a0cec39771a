export * from "./access/index.js";
export * from "./evaluation/index.js";
export * from "./executions/index.js";
export * from "./idempotency/index.js";
export { defaultDataDirectory, openStore, type StoreOptions } from "./open-store.js";
export type * from "./prompt-store.js";
export * from "./rate-limits/index.js";
export * from "./response-cache/index.js";
export type { Store } from "./store.js";
