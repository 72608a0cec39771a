export { defaultDataDirectory, openStore, type StoreOptions } from "./open-store.js";
export type * from "./prompt-store.js";
