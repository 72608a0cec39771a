export { type AssertionStringResult, parseAssertionString } from "./assertion-string.js";
export * from "./dataset-format.js";
