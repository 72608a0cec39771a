import { QuireError } from "../errors/index.js";
import type { PromptContent } from "../prompts/prompt-content.js";
import { type ComponentRequest, formatComponentReference } from "./component-reference.js";
import type { ComponentResolver } from "./resolve-component-graph.js";

/** One component a render used: which version, and how the template asked for it. */
export interface ComponentProvenance {
  name: string;
  /** The version the reference resolved to. */
  version: number;
  /** The reference, canonical: `support/guidelines`, `support/guidelines@production`, `…:3`. */
  reference: string;
  requested: ComponentRequest;
  /** The label asked for, when `requested` is `label`. */
  label?: string;
}

/**
 * What a render used: the prompt's version and every component's (each distinct reference once,
 * in the order first met, depth first). With it a render can be repeated exactly
 * (`resolverFromProvenance`).
 */
export interface RenderProvenance {
  /** Null for a template that is not a stored prompt. */
  prompt: string | null;
  version: number | null;
  components: ComponentProvenance[];
}

/**
 * A resolver that answers every reference with the version the provenance recorded, loading its
 * content with `load`: rendering again with it reproduces the recorded render, whatever labels
 * have moved since. A reference the provenance does not hold is NOT_FOUND.
 */
export function resolverFromProvenance(
  provenance: RenderProvenance,
  load: (name: string, version: number) => Promise<PromptContent>,
): ComponentResolver {
  const versions = new Map(
    provenance.components.map((component) => [component.reference, component.version]),
  );
  return async (reference) => {
    const key = formatComponentReference(reference);
    const version = versions.get(key);
    if (version === undefined) {
      throw new QuireError(
        "NOT_FOUND",
        `The recorded provenance has no component "${key}"; it was not used by the render it records.`,
        { details: { reference: key } },
      );
    }
    return { name: reference.name, version, content: await load(reference.name, version) };
  };
}
