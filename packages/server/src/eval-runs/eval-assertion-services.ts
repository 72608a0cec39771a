import type { AssertionServices, EmbeddingModel, EvalRunPlan } from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { EvalModels } from "./eval-models.js";

/** Said by a `javascript` assertion of a project that does not allow them. */
export const javascriptOffReason =
  "javascript assertions are off in this project: they run user code (in a sandboxed worker with a time limit), so an admin must allow them — `quire settings set --allow-javascript-assertions on`, or `allowJavaScriptAssertions: true` in PUT /v1/settings";

/** Said by a `similar` assertion (without its own provider) when the server has no embedding model. */
export const noEmbeddingModelReason =
  "the server has no embedding model for eval runs: set [evaluation] embeddingModel in quire.toml (or QUIRE_EVAL_EMBEDDING_MODEL; [cache] semanticModel is used when set) to a provider/model from a provider's embeddingModels, or give this assertion a provider";

export interface EvalAssertionServicesOptions {
  models: EvalModels;
  access: AccessStore;
  /** The `similar` assertions' model (`[evaluation] embeddingModel`); none: they error saying so. */
  embeddingModel: EmbeddingModel | undefined;
  /** The server's sandbox; used only for the runs of projects that allow javascript assertions. */
  runJavaScript: NonNullable<AssertionServices["runJavaScript"]>;
}

/**
 * The assertions' services for one run: the judge and its prompts from the plan, the server's
 * embedding model, and the javascript sandbox when the run's project allows it (read when the
 * run starts or resumes, so a setting changed mid-run applies to the next run).
 */
export async function evalAssertionServices(
  projectId: string,
  plan: EvalRunPlan,
  options: EvalAssertionServicesOptions,
  signal: AbortSignal,
): Promise<AssertionServices> {
  const project = await options.access.getProject(projectId);
  const allowJavaScript = project?.allowJavaScriptAssertions === true;
  const { models } = options;
  return {
    modelFor: (modelId) => models.languageModel(modelId) ?? models.embeddingModel(modelId),
    ...(plan.judge === undefined
      ? {}
      : { judgeModel: models.model(plan.judge, "the eval run's judge") }),
    ...(plan.judgePrompts === undefined
      ? {}
      : {
          judgePrompts: {
            ...(plan.judgePrompts.llmRubric === undefined
              ? {}
              : { llmRubric: plan.judgePrompts.llmRubric.template }),
            ...(plan.judgePrompts.factuality === undefined
              ? {}
              : { factuality: plan.judgePrompts.factuality.template }),
          },
        }),
    ...(options.embeddingModel === undefined ? {} : { embeddingModel: options.embeddingModel }),
    ...(allowJavaScript ? { runJavaScript: options.runJavaScript } : {}),
    unavailableReasons: {
      runJavaScript: javascriptOffReason,
      embeddingModel: noEmbeddingModelReason,
    },
    signal,
  };
}
