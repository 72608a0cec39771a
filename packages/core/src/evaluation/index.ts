export * from "./assertion-context.js";
export * from "./assertion-result.js";
export * from "./assertion-spec.js";
export * from "./evaluate-assertions.js";
export * from "./judge-prompts.js";
export * from "./test-case.js";
