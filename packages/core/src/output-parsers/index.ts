export * from "./code-blocks.js";
export * from "./json-output.js";
export * from "./list-output.js";
export { outputParseError } from "./output-parse-error.js";
