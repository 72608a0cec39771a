export * from "./paired-tests.js";
export * from "./summary-statistics.js";
