import { isQuireError, QuireError } from "../errors/index.js";
import { compilePrompt } from "../prompts/compile-prompt.js";
import type { CompiledPrompt } from "../prompts/compiled-prompt-types.js";
import type { PromptContent } from "../prompts/prompt-content.js";
import { defaultMaxTemplateBytes } from "../templates/template-size.js";
import { checkReferencingTemplates } from "./check-reference-syntax.js";
import { ComponentExpander } from "./expand-components.js";
import { findComponentReferences } from "./find-component-references.js";
import type { ComponentProvenance, RenderProvenance } from "./provenance.js";
import { type ComponentResolver, resolveComponentGraph } from "./resolve-component-graph.js";

/** Components may nest this many levels below a prompt unless `maxDepth` says otherwise. */
export const defaultMaxComponentDepth = 8;

/** The prompt to compose: a stored version (name and number), or a template not stored yet. */
export interface CompositionRoot {
  name?: string;
  version?: number;
  content: PromptContent;
}

export interface ComposeOptions {
  /** Most levels of components below the prompt (default 8). */
  maxDepth?: number;
  /** Largest template, before and after including components, in bytes (default 100 KB). */
  maxTemplateBytes?: number;
}

/** A prompt with its components written in, ready to compile. */
export interface ComposedPrompt {
  /** The root's content with every component included in its template. */
  content: PromptContent;
  /** Partials for Handlebars calls with arguments (`{{> footer signature="…"}}`). */
  partials: Record<string, string>;
  provenance: RenderProvenance;
}

/**
 * Includes a prompt's components: finds its references (`{{> name}}`, `{{> name@label}}`,
 * `{{> name:version}}`), resolves them with `resolver` (recursively, each reference once),
 * and writes them into the template. Errors (all QuireErrors):
 * - TEMPLATE_SYNTAX: a malformed reference, or a syntax error in the root (at its own place);
 * - VALIDATION_FAILED (422): an unknown component (naming it, its includer and the line), a
 *   cycle (`a → b → a`), more than `maxDepth` levels, a component in another engine, or one that
 *   cannot go where it is included (details.reason says which);
 * - PAYLOAD_TOO_LARGE: a template over the limit once its components are in.
 */
export async function composePrompt(
  root: CompositionRoot,
  resolver: ComponentResolver,
  options: ComposeOptions = {},
): Promise<ComposedPrompt> {
  const maxDepth = options.maxDepth ?? defaultMaxComponentDepth;
  const maxTemplateBytes = options.maxTemplateBytes ?? defaultMaxTemplateBytes;
  const provenance: RenderProvenance = {
    prompt: root.name ?? null,
    version: root.version ?? null,
    components: [],
  };
  const sites = findComponentReferences(root.content);
  if (sites.length === 0) return { content: root.content, partials: {}, provenance };
  checkReferencingTemplates(root.content, sites, maxTemplateBytes);
  const includer = { name: root.name, version: root.version };
  const graph = await resolveComponentGraph(
    { ...includer, engine: root.content.engine, sites },
    resolver,
    maxDepth,
  );
  const expander = new ComponentExpander(graph, root.content.engine, maxTemplateBytes);
  const template = expander.expandRoot(includer, root.content, sites);
  for (const node of graph.nodes.values()) {
    const { reference, component } = node;
    const entry: ComponentProvenance = {
      name: component.name,
      version: component.version,
      reference: node.key,
      requested: reference.requested,
    };
    if (reference.requested === "label") entry.label = reference.label;
    provenance.components.push(entry);
  }
  return {
    content: { ...root.content, template },
    partials: { ...expander.partials },
    provenance,
  };
}

/**
 * Compiles a composed prompt. A syntax error that only appears once the components are in
 * (each template compiles on its own) says so.
 */
export function compileComposedPrompt(
  composed: ComposedPrompt,
  options: { maxTemplateBytes?: number } = {},
): CompiledPrompt {
  try {
    return compilePrompt(composed.content, {
      partials: composed.partials,
      ...(options.maxTemplateBytes === undefined
        ? {}
        : { maxTemplateBytes: options.maxTemplateBytes }),
    });
  } catch (error) {
    if (!isQuireError(error) || composed.provenance.components.length === 0) throw error;
    if (error.code !== "TEMPLATE_SYNTAX") throw error;
    const components = composed.provenance.components.map(
      (entry) => `${entry.name}:${entry.version}`,
    );
    throw new QuireError(
      error.code,
      `${error.message} (in the template as composed with its components ${components.join(", ")}: each compiles alone, together they do not)`,
      { details: { ...error.details, composedWith: components }, cause: error },
    );
  }
}

/** `composePrompt` then `compileComposedPrompt`: the compiled prompt and its provenance. */
export async function compileWithComponents(
  root: CompositionRoot,
  resolver: ComponentResolver,
  options: ComposeOptions = {},
): Promise<{ compiled: CompiledPrompt; provenance: RenderProvenance }> {
  const composed = await composePrompt(root, resolver, options);
  return { compiled: compileComposedPrompt(composed, options), provenance: composed.provenance };
}
