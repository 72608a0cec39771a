import {
  type EngineName,
  findComponentReferences,
  type ParsedPromptFile,
  type PromptContent,
  parsePromptFile,
  QuireError,
  type SyncComponentResolver,
} from "@quire/core";
import { maskLabelSelectors, unmaskLabelSelectors } from "./reference-selectors.js";

/**
 * A `_name.prompt` partial read as a component: `dir/_header.prompt` is the component
 * `dir/header` (its path under the prompts folder without the `_`, as Dotprompt names
 * partials), included with `{{> dir/header}}`.
 */
export interface LocalComponent {
  name: string;
  /** The file, as shown in messages. */
  file: string;
  parsed: ParsedPromptFile;
  /** False when the front matter names no engine: it then takes its includers' engine. */
  explicitEngine: boolean;
}

/**
 * Parses a `.prompt` file whose template may hold component references with a label
 * (`{{> header@production}}`), which Handlebars' parser alone refuses.
 */
export function parseWithReferences(source: string, shownFile: string): ParsedPromptFile {
  const parsed = parsePromptFile(maskLabelSelectors(source), { fileName: shownFile });
  const unmask = (text: string) => unmaskLabelSelectors(text);
  return {
    ...parsed,
    body: unmask(parsed.body),
    template:
      typeof parsed.template === "string"
        ? unmask(parsed.template)
        : parsed.template.map((message) => ({ ...message, content: unmask(message.content) })),
  };
}

export function readLocalComponent(
  name: string,
  source: string,
  shownFile: string,
): LocalComponent {
  const parsed = parseWithReferences(source, shownFile);
  return { name, file: shownFile, parsed, explicitEngine: "engine" in parsed.frontMatter };
}

/**
 * A component's content in an engine: the file's own engine when its front matter names one,
 * else `engine`. A text template is pushed without trailing whitespace, so a reference alone on
 * its line renders as the partial file does in Dotprompt (which drops that line's break).
 */
export function localComponentContent(
  component: LocalComponent,
  engine: EngineName,
): PromptContent {
  const { parsed } = component;
  return {
    type: parsed.type,
    engine: component.explicitEngine ? parsed.engine : engine,
    template: typeof parsed.template === "string" ? parsed.template.trimEnd() : parsed.template,
    inputSchema: parsed.inputSchema,
    outputSchema: parsed.outputSchema,
    config: parsed.config,
    metadata: parsed.metadata,
  };
}

/** Names of the components a content includes (selectors dropped). */
export function includedNames(content: Pick<PromptContent, "engine" | "template">): string[] {
  return [...new Set(findComponentReferences(content).map((site) => site.reference.name))];
}

/**
 * Resolves references to local partial files, whatever their selector (a local file is the
 * working copy). A name with no file here is, with `unknown: "empty"`, an empty component (the
 * server will say whether it exists), else NOT_FOUND naming the file it looked for.
 */
export function localResolver(
  components: Pick<ReadonlyMap<string, LocalComponent>, "get">,
  engine: EngineName,
  unknown: "empty" | "not-found",
): SyncComponentResolver {
  return (reference) => {
    const component = components.get(reference.name);
    if (component !== undefined) {
      return {
        name: reference.name,
        version: 1,
        content: localComponentContent(component, engine),
      };
    }
    if (unknown === "empty") {
      const content: PromptContent = {
        type: "text",
        engine,
        template: "",
        inputSchema: null,
        outputSchema: null,
        config: {},
        metadata: {},
      };
      return { name: reference.name, version: 1, content };
    }
    const slash = reference.name.lastIndexOf("/");
    const file = `${reference.name.slice(0, slash + 1)}_${reference.name.slice(slash + 1)}.prompt`;
    throw new QuireError("NOT_FOUND", `there is no partial file ${file} for it here.`, {
      details: { component: reference.name, file },
    });
  };
}
