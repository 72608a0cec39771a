export * from "./cache.js";
export * from "./common.js";
export * from "./components.js";
export * from "./diff.js";
export * from "./execution.js";
export * from "./prompt.js";
export * from "./render.js";
export * from "./run.js";
