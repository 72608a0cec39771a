export * from "./create-idempotency-store.js";
export * from "./idempotency-store.js";
