import {
  type CreatePromptRequest,
  compilePrompt,
  isQuireError,
  type ParsedPromptFile,
  type Prompt,
  type PromptFileData,
  parsePromptFile,
  partialNameFromPath,
  promptNameFromPath,
  QuireError,
  type RenderOutput,
  renderPromptFile,
  serializePromptFile,
  type Version,
} from "@quire/core";

export type { PromptFileData };

/** What a `.prompt` file says, as the fields of a create-prompt request (all but the name). */
export interface PromptFileDefinition {
  request: Omit<CreatePromptRequest, "name" | "labels" | "message">;
  /** `labels:` from the front matter: labels push points at the pushed version. */
  labels: string[];
}

/*
 * The one place that knows core's prompt-file API (parse, serialize, render, names from paths),
 * so the commands do not depend on its exact shapes.
 */

/**
 * Parses and compiles a file; errors are QuireErrors with details {file, line, column}, named by
 * `shownFile`.
 */
export function parsePromptSource(source: string, shownFile: string): PromptFileDefinition {
  const parsed = parsePromptFile(source, { fileName: shownFile });
  // Compiled as the server will (every engine, the input schema), so a bad file is caught
  // before anything is sent.
  try {
    compilePrompt(parsed);
  } catch (error) {
    throw placedInFile(error, parsed, shownFile);
  }
  return {
    request: {
      template: parsed.template,
      type: parsed.type,
      engine: parsed.engine,
      inputSchema: parsed.inputSchema,
      outputSchema: parsed.outputSchema,
      config: parsed.config,
      metadata: parsed.metadata,
      tags: parsed.tags,
      ...(parsed.description === undefined ? {} : { description: parsed.description }),
    },
    labels: parsed.labels,
  };
}

/**
 * compilePrompt places a syntax error in the template; a `.prompt` file's body starts further
 * down, so the line (and, on the body's first line, the column) are moved to the whole file.
 */
function placedInFile(error: unknown, parsed: ParsedPromptFile, shownFile: string): unknown {
  const { line, column } = isQuireError(error) ? error.details : {};
  if (!isQuireError(error) || typeof parsed.template !== "string" || typeof line !== "number") {
    return error;
  }
  const fileLine = line + parsed.bodyLine - 1;
  const fileColumn =
    typeof column === "number" && line === 1 ? column + parsed.bodyColumn - 1 : column;
  const excerpt = typeof error.details.excerpt === "string" ? `\n${error.details.excerpt}` : "";
  return new QuireError(
    error.code,
    `${error.message.replace(/ at line \d+, column \d+/, "")}${excerpt}`,
    {
      details: { ...error.details, file: shownFile, line: fileLine, column: fileColumn },
      cause: error,
    },
  );
}

/**
 * A version as a `.prompt` file. Labels are not written: a file that names a label moves it on
 * every push, and a pulled file must not roll a label back when pushed later.
 */
export function serializePromptVersion(prompt: Prompt, version: Version): string {
  return serializePromptFile({
    template: version.template,
    type: version.type,
    engine: version.engine,
    inputSchema: version.inputSchema,
    outputSchema: version.outputSchema,
    config: version.config,
    metadata: version.metadata,
    description: prompt.description === "" ? undefined : prompt.description,
    tags: prompt.tags,
  });
}

/**
 * The prompt name of a file under the prompts folder: `support/triage.prompt` →
 * `support/triage`; a variant file `triage.formal.prompt` is its own prompt, `triage.formal`.
 */
export function promptNameOf(relativePath: string): string {
  const { name, variant } = promptNameFromPath(relativePath);
  return variant === undefined ? name : `${name}.${variant}`;
}

/** `_header.prompt` → `header`, `common/_header.prompt` → `common/header`. */
export function partialNameOf(relativePath: string): string {
  return partialNameFromPath(relativePath).name;
}

/**
 * Renders a local file. A Handlebars file renders exactly as Dotprompt does (`{messages}`, no
 * schema check, as Dotprompt); a file in another engine (`engine: jinja2`…) renders through
 * `compilePrompt`, which also validates the variables, giving `{text}` or `{messages}`.
 */
export function renderPromptSource(
  source: string,
  data: PromptFileData,
  partials: Record<string, string>,
  shownFile: string,
  options: { strict?: boolean } = {},
): RenderOutput {
  const parsed = parsePromptFile(source, { fileName: shownFile });
  if (parsed.engine === "handlebars") {
    return renderPromptFile(source, data, { partials, fileName: shownFile });
  }
  const { variables: _applied, ...output } = compilePrompt(parsed, { partials }).render(
    { ...parsed.input.default, ...data.input },
    options,
  );
  return output;
}
