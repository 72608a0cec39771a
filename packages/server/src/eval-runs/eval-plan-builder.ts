import {
  type EvalRunPlan,
  fromRenderedMessages,
  type GenerationParameters,
  type JsonSchema,
  type RenderedMessage,
  resolveGenerationParameters,
} from "@quire/core";
import type { EvalPlan, EvalPrompt, RenderedForEval } from "@quire/engine";
import type { EvalRunRecord } from "@quire/store";
import type { PromptService } from "../prompts/prompt-service.js";
import type { EvalModels } from "./eval-models.js";

/**
 * engine's plan for a stored run: each prompt renders its pinned version through the registry
 * with composition (as /render does, provenance kept with each result), each model comes from
 * the configured providers, the cases are the run's snapshot.
 */
export function buildEvalPlan(
  run: EvalRunRecord,
  dependencies: { prompts: PromptService; models: EvalModels },
): EvalPlan {
  const plan = run.plan as EvalRunPlan;
  return {
    prompts: plan.prompts.map((prompt) => evalPrompt(prompt, dependencies.prompts)),
    models: plan.models.map((modelId, index) => ({
      id: modelId,
      model: dependencies.models.model(modelId, `the eval run's models[${index}]`),
    })),
    cases: run.cases,
    repeat: plan.repeat,
    defaultAssertions: plan.assertions,
  };
}

/** What a cell takes from its version besides the render: parameters, strategy and tools. */
interface VersionSettings {
  params: GenerationParameters;
  config: Readonly<Record<string, unknown>>;
  outputSchema: JsonSchema | null;
}

function evalPrompt(prompt: EvalRunPlan["prompts"][number], prompts: PromptService): EvalPrompt {
  let settings: Promise<VersionSettings> | undefined;
  const versionSettings = () => {
    settings ??= prompts
      .getPrompt(prompt.name, { version: prompt.version })
      .then(({ version }) => ({
        params: resolveGenerationParameters(version.config, {}),
        config: version.config,
        outputSchema: version.outputSchema ?? null,
      }));
    return settings;
  };
  return {
    id: prompt.id,
    label: prompt.reference,
    async render(variables): Promise<RenderedForEval> {
      const rendered = await prompts.render(prompt.name, {
        version: prompt.version,
        variables,
      });
      const messages =
        rendered.messages === undefined
          ? [
              {
                role: "user" as const,
                content: [{ type: "text" as const, text: rendered.text ?? "" }],
              },
            ]
          : // The render's own output, typed loosely by its wire schema.
            fromRenderedMessages(rendered.messages as RenderedMessage[]);
      // The version's config carries its strategy and tools: the engine runs ReAct and tool
      // calling with the server's [[tools]] (see executeEvalRun).
      const { params, config, outputSchema } = await versionSettings();
      return { messages, params, provenance: rendered.provenance, config, outputSchema };
    },
  };
}
