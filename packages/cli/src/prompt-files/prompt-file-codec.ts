import {
  type CreatePromptRequest,
  compileComposedPrompt,
  compilePrompt,
  composePromptSync,
  getTemplateEngine,
  isQuireError,
  type ParsedPromptFile,
  type Prompt,
  type PromptContent,
  type PromptFileData,
  partialNameFromPath,
  promptNameFromPath,
  QuireError,
  type RenderLimits,
  type RenderOutput,
  renderPromptFile,
  serializePromptFile,
  type Version,
} from "@quire/core";
import {
  type LocalComponent,
  localResolver,
  parseWithReferences,
  readLocalComponent,
} from "./local-components.js";
import { dropSelectors, maskLabelSelectors, unmaskLabelSelectors } from "./reference-selectors.js";

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

/** Components by name; only looked up, so a caller may read them lazily. */
export type ComponentLookup = Pick<ReadonlyMap<string, LocalComponent>, "get">;

/**
 * Compiles content with its components (`{{> name}}`) taken from local partial files; a name
 * with no file here counts as empty (the server knows whether it exists). Finds what the server
 * would refuse: syntax errors, cycles, too deep a chain, a component that cannot go where it is.
 */
export function checkComposes(
  name: string | undefined,
  content: PromptContent,
  components: ComponentLookup,
): void {
  const composed = composePromptSync(
    name === undefined ? { content } : { name, content },
    localResolver(components, content.engine, "empty"),
  );
  compileComposedPrompt(composed);
}

/**
 * Parses and compiles a file (with its components from `components`, when it includes any);
 * errors are QuireErrors with details {file, line, column}, named by `shownFile`.
 */
export function parsePromptSource(
  source: string,
  shownFile: string,
  components: ComponentLookup = new Map(),
  name?: string,
): PromptFileDefinition {
  const parsed = parseWithReferences(source, shownFile);
  // Compiled as the server will (every engine, the input schema, the components), so a bad file
  // is caught before anything is sent.
  try {
    checkComposes(name, parsed, components);
  } catch (error) {
    throw placedInFile(error, parsed, shownFile);
  }
  return definitionOf(parsed);
}

/** The fields of a create-prompt request for parsed content. */
export function definitionOf(
  parsed: ParsedPromptFile,
  content: PromptContent = parsed,
): PromptFileDefinition {
  return {
    request: {
      template: content.template,
      type: content.type,
      engine: content.engine,
      inputSchema: content.inputSchema,
      outputSchema: content.outputSchema,
      config: content.config,
      metadata: content.metadata,
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
export function placedInFile(error: unknown, parsed: ParsedPromptFile, shownFile: string): unknown {
  const { line, column } = isQuireError(error) ? error.details : {};
  if (!isQuireError(error) || typeof parsed.template !== "string" || typeof line !== "number") {
    return error;
  }
  // A problem inside a component is placed in that component's file, not this one.
  if (error.details.includedByVersion !== undefined || error.details.inComponent !== undefined) {
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
  // Component references with a label (`{{> x@production}}`) are masked around the serializer,
  // which reads the template with Handlebars' parser.
  const template =
    typeof version.template === "string"
      ? maskLabelSelectors(version.template)
      : version.template.map((message) => ({
          ...message,
          content: maskLabelSelectors(message.content),
        }));
  const text = serializePromptFile({
    template,
    type: version.type,
    engine: version.engine,
    inputSchema: version.inputSchema,
    outputSchema: version.outputSchema,
    config: version.config,
    metadata: version.metadata,
    description: prompt.description === "" ? undefined : prompt.description,
    tags: prompt.tags,
  });
  return unmaskLabelSelectors(text);
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
 * A partial's text as Dotprompt includes it: the whole file, or, when it has front matter (its
 * engine, labels or component role for `quire push`), the body after it.
 */
function partialBody(text: string): string {
  if (!text.startsWith("---")) return text;
  try {
    return parseWithReferences(text, "<partial>").body;
  } catch {
    return text;
  }
}

/**
 * Renders a local file, its components (`{{> name}}`, whatever the selector) from the partial
 * files in `partials` (name → source). A Handlebars file renders exactly as Dotprompt does
 * (`{messages}`, no schema check, as Dotprompt; partials as Handlebars partials); a file in
 * another engine (`engine: jinja2`…) renders through `compilePrompt` with its components
 * included as the server includes them, also validating the variables, giving `{text}` or
 * `{messages}`.
 */
export function renderPromptSource(
  source: string,
  data: PromptFileData,
  partials: Record<string, string>,
  shownFile: string,
  options: { strict?: boolean; renderLimits?: RenderLimits } = {},
): RenderOutput {
  const parsed = parseWithReferences(source, shownFile);
  if (parsed.engine === "handlebars") {
    const plain: Record<string, string> = {};
    for (const [name, text] of Object.entries(partials))
      plain[name] = dropSelectors(partialBody(text));
    return renderPromptFile(dropSelectors(source), data, {
      partials: plain,
      fileName: shownFile,
      ...(options.renderLimits === undefined ? {} : { renderLimits: options.renderLimits }),
    });
  }
  const read = new Map<string, LocalComponent>();
  const components: ComponentLookup = {
    get: (name) => {
      const text = partials[name];
      if (text === undefined || !Object.hasOwn(partials, name)) return undefined;
      let component = read.get(name);
      if (component === undefined) {
        component = readLocalComponent(name, text, `_${name}.prompt`);
        read.set(name, component);
      }
      return component;
    },
  };
  let composed: ReturnType<typeof composePromptSync>;
  try {
    composed = composePromptSync(
      { content: parsed },
      localResolver(components, parsed.engine, "not-found"),
    );
  } catch (error) {
    throw placedInFile(error, parsed, shownFile);
  }
  // The partials also serve the engine's own includes ({% include "name" %}): those this
  // engine can read (the folder may hold partials of other engines).
  const engine = getTemplateEngine(parsed.engine);
  const native: Record<string, string> = {};
  for (const [name, text] of Object.entries(partials)) {
    try {
      engine.compile(text);
      native[name] = text;
    } catch {
      // Not this engine's: it cannot be what an include of this file means.
    }
  }
  const { renderLimits, ...renderOptions } = options;
  const { variables: _applied, ...output } = compilePrompt(composed.content, {
    partials: { ...native, ...composed.partials },
    ...(renderLimits === undefined ? {} : { renderLimits }),
  }).render({ ...parsed.input.default, ...data.input }, renderOptions);
  return output;
}
