export { cloneVariables } from "./clone-variables.js";
export {
  compileVariablesValidator,
  type VariablesValidator,
} from "./compile-variables-validator.js";
export { describeValue, jsonTypeOf } from "./describe-value.js";
export { unknownVariableProblems } from "./unknown-variables.js";
export { type ValidationProblem, variablePath } from "./validation-problem.js";
export { variablesValidationError } from "./variables-validation-error.js";
