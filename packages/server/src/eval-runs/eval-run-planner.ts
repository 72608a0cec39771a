import {
  checkAssertionSpecs,
  type createEvalRunRequestSchema,
  type EvalRunPlan,
  isQuireError,
  QuireError,
  type TestCase,
} from "@quire/core";
import type { EvaluationStore } from "@quire/store";
import type { z } from "zod";
import type { PromptService } from "../prompts/prompt-service.js";
import type { EvalModels } from "./eval-models.js";
import { planJudge } from "./judge-plan.js";
import { parsePromptReference } from "./prompt-reference.js";

/** Most cells one run may hold (prompts × models × cases × repeat). */
export const maximumCellsPerRun = 1_000_000;

export interface PlannedRun {
  plan: EvalRunPlan;
  cases: TestCase[];
  total: number;
}

type ParsedRequest = z.output<typeof createEvalRunRequestSchema>;

/**
 * Checks a new run against what exists and pins it: each prompt reference resolved to its
 * version now (a label moved later does not change the run), each model known to a configured
 * provider, the dataset's cases copied. Anything unknown is VALIDATION_FAILED naming the field;
 * nothing is stored.
 */
export async function planEvalRun(
  dependencies: { prompts: PromptService; models: EvalModels; store: EvaluationStore },
  projectId: string,
  parsed: ParsedRequest,
): Promise<PlannedRun> {
  checkAssertionSpecs(parsed.assertions ?? [], "assertions");
  const prompts = [];
  for (const [index, reference] of parsed.prompts.entries()) {
    const selector = parsePromptReference(reference, index);
    let version: number;
    try {
      const found = await dependencies.prompts.getPrompt(selector.name, selector);
      version = found.version.number;
    } catch (error) {
      throw unknownThing(error, `prompts[${index}]`, reference);
    }
    prompts.push({ reference, name: selector.name, version, id: `${selector.name}:${version}` });
  }
  refuseRepeats(
    prompts.map((prompt) => prompt.id),
    "prompts",
  );
  refuseRepeats(parsed.models, "models");
  const models = parsed.models.map((modelId, index) => {
    dependencies.models.model(modelId, `the eval run's models[${index}]`);
    return modelId;
  });
  const dataset = await dependencies.store.getDataset(projectId, parsed.dataset);
  if (dataset === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The eval run's dataset "${parsed.dataset}" does not exist: create it with POST /v1/datasets, or list them with GET /v1/datasets.`,
      { details: { field: "dataset", dataset: parsed.dataset } },
    );
  }
  const cases = (await dependencies.store.allCases(projectId, parsed.dataset)).map(
    ({ position: _position, ...testCase }) => testCase,
  );
  cases.forEach((testCase, index) => {
    checkAssertionSpecs(
      testCase.assertions ?? [],
      `dataset case "${testCase.id}" (${index + 1}) assertions`,
    );
  });
  const plan: EvalRunPlan = {
    prompts,
    models,
    dataset: parsed.dataset,
    assertions: parsed.assertions ?? [],
    repeat: parsed.repeat,
    concurrency: parsed.concurrency,
    ...(parsed.params === undefined ? {} : { params: parsed.params }),
    cache: parsed.cache,
    ...(await planJudge(dependencies, parsed.judge, parsed.judgePrompts)),
  };
  const total = prompts.length * models.length * cases.length * parsed.repeat;
  if (total > maximumCellsPerRun) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The eval run would have ${total.toLocaleString("en-US")} cells (${prompts.length} prompts × ${models.length} models × ${cases.length} cases × repeat ${parsed.repeat}); a run holds at most ${maximumCellsPerRun.toLocaleString("en-US")}. Split it into several runs.`,
      { details: { cells: total, limit: maximumCellsPerRun } },
    );
  }
  return { plan, cases, total };
}

/** Two entries naming the same version (or model) would make two columns with one id. */
function refuseRepeats(ids: readonly string[], field: string): void {
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = seen.get(id);
    if (first !== undefined) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `The eval run's ${field}[${index}] names ${id} again (as ${field}[${first}] does): list each once, and use repeat for several runs of the same cells.`,
        { details: { field: `${field}[${index}]`, id } },
      );
    }
    seen.set(id, index);
  });
}

/** An unknown prompt, version or label is a 422 about the field, not a 404 about the URL. */
function unknownThing(error: unknown, field: string, reference: string): unknown {
  if (!isQuireError(error) || error.code !== "NOT_FOUND") return error;
  return new QuireError(
    "VALIDATION_FAILED",
    `The eval run's ${field} "${reference}" names nothing that exists: ${error.message}`,
    { cause: error, details: { ...error.details, field, reference } },
  );
}
