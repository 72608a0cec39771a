export type {
  ResponseCacheStorageHandle,
  ResponseCacheStorageOptions,
} from "./create-response-cache-storage.js";
export { createResponseCacheStorage } from "./create-response-cache-storage.js";
export type * from "./response-cache-storage.js";
export type { DatabaseKind } from "./vector-support.js";
