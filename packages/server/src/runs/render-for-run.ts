import {
  type JsonSchema,
  type ParsedRunRequest,
  QuireError,
  type RenderResponse,
  type RunResolvedBy,
} from "@quire/core";
import type { PromptService } from "../prompts/prompt-service.js";

/** A run's render: a stored version's, or a draft's (version null, resolvedBy "draft"). */
export type RunRendered = Omit<RenderResponse, "version" | "resolvedBy"> & {
  version: number | null;
  resolvedBy: RunResolvedBy;
};

export interface RunRender {
  rendered: RunRendered;
  /** The config of the version (or draft) rendered. */
  config: Record<string, unknown>;
  outputSchema: JsonSchema | null;
}

/**
 * Renders what a run asks for: the request's `draft` (nothing stored; the prompt need not
 * exist), else the version its label or number selects. A draft with a label or version is
 * refused (BAD_REQUEST naming both fields): the run could not say which one it ran.
 */
export async function renderForRun(
  prompts: PromptService,
  name: string,
  request: ParsedRunRequest,
): Promise<RunRender> {
  const renderOptions = {
    variables: request.variables,
    strict: request.strict,
    guard: request.guard,
  };
  if (request.draft !== undefined) {
    const selector = request.label !== undefined ? "label" : "version";
    if (request.label !== undefined || request.version !== undefined) {
      throw new QuireError(
        "BAD_REQUEST",
        `The run gives both "draft" and "${selector}": run either the draft or a stored version. Remove "${selector}" to run the draft, or "draft" to run the stored version.`,
        { details: { fields: ["draft", selector] } },
      );
    }
    const { rendered, content } = await prompts.renderDraft(name, request.draft, renderOptions);
    return { rendered, config: content.config, outputSchema: content.outputSchema };
  }
  const rendered = await prompts.render(name, {
    label: request.label,
    version: request.version,
    ...renderOptions,
  });
  // The number the render used, so a label moved meanwhile cannot mix two versions.
  const { version } = await prompts.getPrompt(name, { version: rendered.version });
  return { rendered, config: version.config, outputSchema: version.outputSchema };
}

/** How messages name what ran: `"support/triage" v3`, or `the draft of "support/triage"`. */
export function describeRunTarget(name: string, version: number | null): string {
  return version === null ? `the draft of "${name}"` : `"${name}" v${version}`;
}
