import { checkAssertionSpecs, QuireError } from "@quire/core";
import type { CellKey, EvalPlan } from "./eval-plan.js";

function checkUnique(ids: readonly string[], what: string, where: string): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (id === "") {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${where}[${index}] has an empty id; give every ${what} an id`,
        {
          details: { path: `${where}[${index}].id` },
        },
      );
    }
    if (seen.has(id)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${where}[${index}] repeats the ${what} id "${id}"; ids must be unique within a run (results and comparisons are keyed on them)`,
        { details: { path: `${where}[${index}].id`, id } },
      );
    }
    seen.add(id);
  }
}

/** The plan's `repeat`, checked: a whole number from 1 (default 1). */
export function repeatOf(plan: EvalPlan): number {
  const repeat = plan.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `repeat must be a whole number of at least 1, got ${String(repeat)}`,
      { details: { path: "repeat", value: repeat } },
    );
  }
  return repeat;
}

/** Throws VALIDATION_FAILED for duplicate or empty ids, a bad `repeat`, or a bad assertion. */
export function checkEvalPlan(plan: EvalPlan): void {
  checkUnique(
    plan.prompts.map((prompt) => prompt.id),
    "prompt",
    "prompts",
  );
  checkUnique(
    plan.models.map((model) => model.id),
    "model",
    "models",
  );
  checkUnique(
    plan.cases.map((testCase) => testCase.id),
    "case",
    "cases",
  );
  repeatOf(plan);
  checkAssertionSpecs(plan.defaultAssertions ?? [], "defaultAssertions");
  for (const [index, testCase] of plan.cases.entries()) {
    checkAssertionSpecs(testCase.assertions ?? [], `cases[${index}].assertions`);
  }
}

/**
 * Every cell of the matrix in its one stable order: prompts, then models, then cases, then
 * repeats, each in the plan's order. Results are reported in this order whatever finished first.
 */
export function matrixCells(plan: EvalPlan): CellKey[] {
  const repeat = repeatOf(plan);
  const cells: CellKey[] = [];
  for (const prompt of plan.prompts) {
    for (const model of plan.models) {
      for (const testCase of plan.cases) {
        for (let repeatIndex = 0; repeatIndex < repeat; repeatIndex += 1) {
          cells.push({ promptId: prompt.id, modelId: model.id, caseId: testCase.id, repeatIndex });
        }
      }
    }
  }
  return cells;
}
