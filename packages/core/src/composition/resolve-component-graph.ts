import { isQuireError, QuireError } from "../errors/index.js";
import type { EngineName, PromptContent } from "../prompts/prompt-content.js";
import { type ComponentReference, formatComponentReference } from "./component-reference.js";
import {
  componentCycleError,
  componentDepthError,
  componentNotFoundError,
  describeSite,
  type Includer,
  type MissingComponent,
} from "./composition-errors.js";
import { findComponentReferences } from "./find-component-references.js";
import type { ComponentReferenceSite } from "./reference-site.js";

/** What a resolver answers: the version a reference selects, with its content. */
export interface ResolvedComponent {
  name: string;
  version: number;
  content: PromptContent;
}

/**
 * Finds the version a reference selects (`latest`, a label's target, or the given version).
 * Throw QuireError("NOT_FOUND") for a prompt, label or version that does not exist: composition
 * reports it as an unknown component, naming where it is included.
 */
export type ComponentResolver = (reference: ComponentReference) => Promise<ResolvedComponent>;

/** One distinct reference (`support/guidelines@production`) and what it resolved to. */
export interface ComponentNode {
  /** The canonical reference text. */
  key: string;
  reference: ComponentReference;
  component: ResolvedComponent;
  /** The component's own references. */
  sites: ComponentReferenceSite[];
}

/** Every component a prompt reaches, each reference resolved once, in first-use order. */
export interface ComponentGraph {
  nodes: Map<string, ComponentNode>;
}

interface Visited {
  /** Levels of components below this one. */
  height: number;
  /** Names of every component below this one. */
  names: Set<string>;
}

function checkResolved(reference: ComponentReference, resolved: ResolvedComponent): void {
  const valid =
    resolved !== null &&
    typeof resolved === "object" &&
    resolved.name === reference.name &&
    Number.isSafeInteger(resolved.version) &&
    resolved.version >= 1 &&
    (reference.requested !== "version" || resolved.version === reference.version) &&
    resolved.content !== null &&
    typeof resolved.content === "object";
  if (!valid) {
    throw new QuireError(
      "INTERNAL",
      `The component resolver answered "${formatComponentReference(reference)}" with something else than that prompt's version and content.`,
      { details: { reference: formatComponentReference(reference) } },
    );
  }
}

/**
 * Resolves every reference reachable from the root, each distinct reference once (so one render
 * uses one version of `x@production` everywhere). A chain that reaches a prompt already in it is
 * a cycle (by name: a prompt never includes itself, whatever the selectors); more than
 * `maxDepth` levels of components is refused. A component already checked below is not walked
 * again unless the chain above it could make it a cycle or too deep, so shared components cost
 * one walk.
 */
export async function resolveComponentGraph(
  root: Includer & { engine: EngineName; sites: ComponentReferenceSite[] },
  resolver: ComponentResolver,
  maxDepth: number,
): Promise<ComponentGraph> {
  const resolutions = new Map<string, Promise<ComponentNode>>();
  const nodes = new Map<string, ComponentNode>();
  const visited = new Map<string, Visited>();

  const resolveNode = (site: ComponentReferenceSite, includer: Includer) => {
    const key = formatComponentReference(site.reference);
    let resolution = resolutions.get(key);
    if (resolution === undefined) {
      resolution = resolver(site.reference).then((component) => {
        checkResolved(site.reference, component);
        let sites: ComponentReferenceSite[];
        try {
          sites = findComponentReferences(component.content);
        } catch (error) {
          throw inComponent(error, `${component.name}:${component.version}`, includer, site);
        }
        return { key, reference: site.reference, component, sites };
      });
      resolutions.set(key, resolution);
    }
    return resolution;
  };

  const visit = async (
    includer: Includer & { engine: EngineName; sites: ComponentReferenceSite[] },
    path: readonly string[],
    depth: number,
  ): Promise<Visited> => {
    const settled = await Promise.allSettled(
      includer.sites.map((site) => resolveNode(site, includer)),
    );
    const missing: MissingComponent[] = [];
    settled.forEach((result, index) => {
      const site = includer.sites[index];
      if (result.status === "fulfilled" || site === undefined) return;
      if (!isQuireError(result.reason) || result.reason.code !== "NOT_FOUND") throw result.reason;
      missing.push({ includer, site, cause: result.reason });
    });
    if (missing.length > 0) throw componentNotFoundError(missing);

    const result: Visited = { height: 0, names: new Set() };
    for (const [index, site] of includer.sites.entries()) {
      const outcome = settled[index];
      if (outcome?.status !== "fulfilled") continue;
      const node = outcome.value;
      if (!nodes.has(node.key)) nodes.set(node.key, node);
      const { name, version, content } = node.component;
      if (content.engine !== includer.engine) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `Component "${site.written}" is a ${content.engine} prompt, but ${describeSite(includer, site)} is ${includer.engine}: a component must be written in its includer's template engine.`,
          {
            details: {
              reason: "component-engine",
              component: site.written,
              engine: content.engine,
              includerEngine: includer.engine,
            },
          },
        );
      }
      const cycleStart = path.indexOf(name);
      if (cycleStart !== -1)
        throw componentCycleError([...path.slice(cycleStart), name], includer, site);
      if (depth + 1 > maxDepth)
        throw componentDepthError([...path, name], maxDepth, includer, site);
      const versionKey = `${name}:${version}`;
      let below = visited.get(versionKey);
      const chainAbove = new Set([...path, name]);
      if (
        below === undefined ||
        depth + 1 + below.height > maxDepth ||
        [...below.names].some((candidate) => chainAbove.has(candidate))
      ) {
        below = await visit(
          { name, version, engine: content.engine, sites: node.sites },
          [...path, name],
          depth + 1,
        );
        visited.set(versionKey, below);
      }
      result.height = Math.max(result.height, below.height + 1);
      result.names.add(name);
      for (const candidate of below.names) result.names.add(candidate);
    }
    return result;
  };

  await visit(root, root.name === undefined ? [] : [root.name], 0);
  return { nodes };
}

function inComponent(
  error: unknown,
  component: string,
  includer: Includer,
  site: ComponentReferenceSite,
): unknown {
  if (!isQuireError(error)) return error;
  return new QuireError(
    error.code,
    `In component ${component}, included by ${describeSite(includer, site)}: ${error.message}`,
    { details: { ...error.details, inComponent: component }, cause: error },
  );
}
