import {
  type CreatePromptRequest,
  type Prompt,
  QuireError,
  type RenderedMessage,
  type Version,
} from "@quire/core";

/** What a `.prompt` file says, as the fields of a create-prompt request (all but the name). */
export interface PromptFileDefinition {
  request: Omit<CreatePromptRequest, "name" | "labels" | "message">;
  /** `labels:` from the front matter: labels push points at the pushed version. */
  labels: string[];
}

/** Dotprompt's `DataArgument`: what a local render takes. */
export interface PromptFileData {
  input?: Record<string, unknown>;
  context?: Record<string, unknown>;
  messages?: RenderedMessage[];
  docs?: unknown[];
}

/**
 * The one place that knows core's prompt-file API (parse, serialize, render, names from paths),
 * so the commands do not depend on its exact shapes.
 */
function notYet(): never {
  throw new QuireError(
    "INTERNAL",
    "prompt files are not supported by this build of @quire/core yet",
  );
}

export function parsePromptSource(_source: string, _file: string): PromptFileDefinition {
  return notYet();
}

export function serializePromptVersion(_prompt: Prompt, _version: Version): string {
  return notYet();
}

export function promptNameOf(_relativePath: string): string {
  return notYet();
}

export function partialNameOf(_relativePath: string): string {
  return notYet();
}

export async function renderPromptSource(
  _source: string,
  _data: PromptFileData,
  _partials: Record<string, string>,
  _file: string,
): Promise<{ messages: RenderedMessage[] }> {
  return notYet();
}
