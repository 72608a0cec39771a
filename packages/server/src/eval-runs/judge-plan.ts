import { type EvalRunPlan, isQuireError, QuireError } from "@quire/core";
import type { PromptService } from "../prompts/prompt-service.js";
import type { EvalModels } from "./eval-models.js";
import { parsePromptReference } from "./prompt-reference.js";

type JudgePrompts = NonNullable<EvalRunPlan["judgePrompts"]>;

/**
 * The run's judge: its model checked against the configured providers, and each judge prompt
 * (a registry prompt, so judges are versioned like any prompt) pinned to its version's text.
 */
export async function planJudge(
  dependencies: { prompts: PromptService; models: EvalModels },
  judge: string | undefined,
  references: { llmRubric?: string | undefined; factuality?: string | undefined } | undefined,
): Promise<Pick<EvalRunPlan, "judge" | "judgePrompts">> {
  if (judge !== undefined) dependencies.models.model(judge, "the eval run's judge");
  const judgePrompts: JudgePrompts = {};
  for (const kind of ["llmRubric", "factuality"] as const) {
    const reference = references?.[kind];
    if (reference === undefined) continue;
    const field = `judgePrompts.${kind}`;
    const selector = parsePromptReference(reference, 0);
    let found: Awaited<ReturnType<PromptService["getPrompt"]>>;
    try {
      found = await dependencies.prompts.getPrompt(selector.name, selector);
    } catch (error) {
      if (!isQuireError(error) || error.code !== "NOT_FOUND") throw error;
      throw new QuireError(
        "VALIDATION_FAILED",
        `The eval run's ${field} "${reference}" names nothing that exists: ${error.message}`,
        {
          cause: error,
          details: { ...error.details, field, reference },
        },
      );
    }
    const { template, number } = found.version;
    if (typeof template !== "string") {
      throw new QuireError(
        "VALIDATION_FAILED",
        `The eval run's ${field} "${reference}" is a chat prompt; a judge prompt is one text template (Handlebars, with {{output}}, {{rubric}}, {{expected}} and {{variables}}).`,
        { details: { field, reference } },
      );
    }
    judgePrompts[kind] = {
      reference,
      name: selector.name,
      version: number,
      id: `${selector.name}:${number}`,
      template,
    };
  }
  return {
    ...(judge === undefined ? {} : { judge }),
    ...(Object.keys(judgePrompts).length === 0 ? {} : { judgePrompts }),
  };
}
