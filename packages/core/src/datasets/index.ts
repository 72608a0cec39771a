export * from "./dataset-format.js";
