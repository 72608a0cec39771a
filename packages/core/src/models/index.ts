export * from "./embedding-model.js";
export * from "./language-model.js";
export * from "./model-error.js";
