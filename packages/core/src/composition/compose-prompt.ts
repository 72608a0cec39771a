import { isQuireError, QuireError } from "../errors/index.js";
import { compilePrompt } from "../prompts/compile-prompt.js";
import type { CompiledPrompt } from "../prompts/compiled-prompt-types.js";
import type { PromptContent } from "../prompts/prompt-content.js";
import type { RenderLimits } from "../templates/render-limits.js";
import { defaultMaxTemplateBytes } from "../templates/template-size.js";
import { checkReferencingTemplates } from "./check-reference-syntax.js";
import { ComponentExpander } from "./expand-components.js";
import { findComponentReferences } from "./find-component-references.js";
import type { ComponentProvenance, RenderProvenance } from "./provenance.js";
import {
  type ComponentGraph,
  type ComponentResolver,
  type GraphRoot,
  resolveComponentGraph,
  resolveComponentGraphSync,
  type SyncComponentResolver,
} from "./resolve-component-graph.js";

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
  /** What one render of the composed prompt may use (see `defaultRenderLimits`). */
  renderLimits?: Partial<RenderLimits>;
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
  const start = startComposition(root, options);
  if ("composed" in start) return start.composed;
  const graph = await resolveComponentGraph(start.graphRoot, resolver, start.maxDepth);
  return finishComposition(root, graph, start);
}

/** `composePrompt` with a resolver that answers at once (components from local files, say). */
export function composePromptSync(
  root: CompositionRoot,
  resolver: SyncComponentResolver,
  options: ComposeOptions = {},
): ComposedPrompt {
  const start = startComposition(root, options);
  if ("composed" in start) return start.composed;
  return finishComposition(
    root,
    resolveComponentGraphSync(start.graphRoot, resolver, start.maxDepth),
    start,
  );
}

interface CompositionStart {
  graphRoot: GraphRoot;
  maxDepth: number;
  maxTemplateBytes: number;
}

/** Finds the root's references and checks its own syntax; done already when it has none. */
function startComposition(
  root: CompositionRoot,
  options: ComposeOptions,
): CompositionStart | { composed: ComposedPrompt } {
  const maxTemplateBytes = options.maxTemplateBytes ?? defaultMaxTemplateBytes;
  const sites = findComponentReferences(root.content);
  if (sites.length === 0) {
    return {
      composed: {
        content: root.content,
        partials: {},
        provenance: { prompt: root.name ?? null, version: root.version ?? null, components: [] },
      },
    };
  }
  checkReferencingTemplates(root.content, sites, maxTemplateBytes);
  return {
    graphRoot: { name: root.name, version: root.version, engine: root.content.engine, sites },
    maxDepth: options.maxDepth ?? defaultMaxComponentDepth,
    maxTemplateBytes,
  };
}

/** Writes the resolved components into the root's template and lists them in the provenance. */
function finishComposition(
  root: CompositionRoot,
  graph: ComponentGraph,
  start: CompositionStart,
): ComposedPrompt {
  const includer = { name: root.name, version: root.version };
  const expander = new ComponentExpander(graph, root.content.engine, start.maxTemplateBytes);
  const template = expander.expandRoot(includer, root.content, start.graphRoot.sites);
  const components: ComponentProvenance[] = [];
  for (const node of graph.nodes.values()) {
    const { reference, component } = node;
    const entry: ComponentProvenance = {
      name: component.name,
      version: component.version,
      reference: node.key,
      requested: reference.requested,
    };
    if (reference.requested === "label") entry.label = reference.label;
    components.push(entry);
  }
  return {
    content: { ...root.content, template },
    partials: { ...expander.partials },
    provenance: { prompt: root.name ?? null, version: root.version ?? null, components },
  };
}

/**
 * Compiles a composed prompt. A syntax error that only appears once the components are in
 * (each template compiles on its own) says so.
 */
export function compileComposedPrompt(
  composed: ComposedPrompt,
  options: { maxTemplateBytes?: number; renderLimits?: Partial<RenderLimits> } = {},
): CompiledPrompt {
  try {
    return compilePrompt(composed.content, {
      partials: composed.partials,
      ...(options.maxTemplateBytes === undefined
        ? {}
        : { maxTemplateBytes: options.maxTemplateBytes }),
      ...(options.renderLimits === undefined ? {} : { renderLimits: options.renderLimits }),
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

/** `compileWithComponents` with a resolver that answers at once. */
export function compileWithComponentsSync(
  root: CompositionRoot,
  resolver: SyncComponentResolver,
  options: ComposeOptions = {},
): { compiled: CompiledPrompt; provenance: RenderProvenance } {
  const composed = composePromptSync(root, resolver, options);
  return { compiled: compileComposedPrompt(composed, options), provenance: composed.provenance };
}
