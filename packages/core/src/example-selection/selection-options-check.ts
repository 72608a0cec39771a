import { QuireError } from "../errors/index.js";
import type { FewShotExample } from "../patterns/few-shot-example.js";
import type { ExampleSelectionOptions } from "./example-selection-types.js";

/** Refuses options that cannot give a sensible selection, naming the option and the fix. */
export function checkSelectionOptions<Example extends FewShotExample>(
  pool: readonly Example[],
  options: ExampleSelectionOptions<Example>,
): void {
  if (!Array.isArray(pool)) {
    refuse("pool", pool, "The example pool must be an array of examples.");
  }
  if (!Number.isInteger(options.k) || options.k < 0) {
    refuse(
      "k",
      options.k,
      `k must be a whole number of examples (0 or more), got ${String(options.k)}.`,
    );
  }
  const lambda = options.diversity?.lambda;
  if (
    options.diversity !== undefined &&
    !(typeof lambda === "number" && lambda >= 0 && lambda <= 1)
  ) {
    refuse(
      "diversity.lambda",
      lambda,
      `diversity.lambda must be a number from 0 (diversity only) to 1 (relevance only), got ${String(lambda)}.`,
    );
  }
  const budget = options.tokenBudget;
  if (budget !== undefined && !(Number.isInteger(budget.maxTokens) && budget.maxTokens >= 0)) {
    refuse(
      "tokenBudget.maxTokens",
      budget.maxTokens,
      `tokenBudget.maxTokens must be a whole number of tokens (0 or more), got ${String(budget.maxTokens)}.`,
    );
  }
  if (budget !== undefined && (typeof budget.model !== "string" || budget.model.trim() === "")) {
    refuse(
      "tokenBudget.model",
      budget.model,
      "tokenBudget.model must name the model whose tokenizer counts the budget (for example gpt-4o).",
    );
  }
  if (options.poolEmbeddings !== undefined && options.embeddingModel === undefined) {
    refuse(
      "poolEmbeddings",
      undefined,
      "poolEmbeddings needs the embeddingModel that made them, to embed the query the same way.",
    );
  }
}

function refuse(option: string, value: unknown, message: string): never {
  throw new QuireError("VALIDATION_FAILED", message, {
    details: { option, ...(value === undefined ? {} : { value }) },
  });
}
