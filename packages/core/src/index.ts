export * from "./contracts/index.js";
export * from "./errors/index.js";
export { canonicalJson } from "./prompts/canonical-json.js";
export * from "./prompts/prompt-content.js";
export * from "./prompts/prompt-name.js";
export * from "./prompts/compile-prompt.js";
export type * from "./templates/template-engine.js";
export * from "./diff/index.js";
export * from "./prompt-files/index.js";
