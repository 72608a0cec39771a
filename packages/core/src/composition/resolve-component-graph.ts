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

/** A resolver's answer, or what it threw. */
type Settled = { ok: true; value: ResolvedComponent } | { ok: false; error: unknown };

/** The root of a walk: the prompt (or template) and its references. */
export type GraphRoot = Includer & { engine: EngineName; sites: ComponentReferenceSite[] };

/**
 * The walk over every reference reachable from the root, as a generator: it yields the
 * references it needs resolved (each distinct one once) and is handed what they resolved to, so
 * one walk serves an async resolver (the server's store) and a sync one (local files).
 */
function* walkComponentGraph(
  root: GraphRoot,
  maxDepth: number,
): Generator<ComponentReference[], ComponentGraph, Settled[]> {
  const resolved = new Map<
    string,
    { ok: true; node: ComponentNode } | { ok: false; error: unknown }
  >();
  const nodes = new Map<string, ComponentNode>();
  const visited = new Map<string, Visited>();

  function* resolveAll(includer: GraphRoot): Generator<ComponentReference[], void, Settled[]> {
    const wanted = new Map<string, ComponentReferenceSite>();
    for (const site of includer.sites) {
      const key = formatComponentReference(site.reference);
      if (!resolved.has(key) && !wanted.has(key)) wanted.set(key, site);
    }
    if (wanted.size === 0) return;
    const answers = yield [...wanted.values()].map((site) => site.reference);
    [...wanted.entries()].forEach(([key, site], index) => {
      const answer = answers[index] ?? { ok: false, error: new Error("no answer") };
      if (!answer.ok) {
        resolved.set(key, { ok: false, error: answer.error });
        return;
      }
      const component = answer.value;
      checkResolved(site.reference, component);
      let sites: ComponentReferenceSite[];
      try {
        sites = findComponentReferences(component.content);
      } catch (error) {
        throw inComponent(error, `${component.name}:${component.version}`, includer, site);
      }
      resolved.set(key, { ok: true, node: { key, reference: site.reference, component, sites } });
    });
  }

  function* visit(
    includer: GraphRoot,
    path: readonly string[],
    depth: number,
  ): Generator<ComponentReference[], Visited, Settled[]> {
    yield* resolveAll(includer);
    const missing: MissingComponent[] = [];
    for (const site of includer.sites) {
      const outcome = resolved.get(formatComponentReference(site.reference));
      if (outcome === undefined || outcome.ok) continue;
      if (!isQuireError(outcome.error) || outcome.error.code !== "NOT_FOUND") throw outcome.error;
      missing.push({ includer, site, cause: outcome.error });
    }
    if (missing.length > 0) throw componentNotFoundError(missing);

    const result: Visited = { height: 0, names: new Set() };
    for (const site of includer.sites) {
      const outcome = resolved.get(formatComponentReference(site.reference));
      if (outcome === undefined || !outcome.ok) continue;
      const { node } = outcome;
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
      if (cycleStart !== -1) {
        throw componentCycleError([...path.slice(cycleStart), name], includer, site);
      }
      if (depth + 1 > maxDepth) {
        throw componentDepthError([...path, name], maxDepth, includer, site);
      }
      const versionKey = `${name}:${version}`;
      let below = visited.get(versionKey);
      const chainAbove = new Set([...path, name]);
      if (
        below === undefined ||
        depth + 1 + below.height > maxDepth ||
        [...below.names].some((candidate) => chainAbove.has(candidate))
      ) {
        below = yield* visit(
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
  }

  yield* visit(root, root.name === undefined ? [] : [root.name], 0);
  return { nodes };
}

/**
 * Resolves every reference reachable from the root, each distinct reference once (so one render
 * uses one version of `x@production` everywhere; the references of one template are resolved
 * together). A chain that reaches a prompt already in it is a cycle (by name: a prompt never
 * includes itself, whatever the selectors); more than `maxDepth` levels of components is
 * refused. A component already checked below is not walked again unless the chain above it
 * could make it a cycle or too deep, so shared components cost one walk.
 */
export async function resolveComponentGraph(
  root: GraphRoot,
  resolver: ComponentResolver,
  maxDepth: number,
): Promise<ComponentGraph> {
  const walk = walkComponentGraph(root, maxDepth);
  let step = walk.next();
  while (!step.done) {
    const settled = await Promise.all(
      step.value.map((reference) =>
        resolver(reference).then(
          (value): Settled => ({ ok: true, value }),
          (error: unknown): Settled => ({ ok: false, error }),
        ),
      ),
    );
    step = walk.next(settled);
  }
  return step.value;
}

/** A resolver that answers at once (components read from local files, say). */
export type SyncComponentResolver = (reference: ComponentReference) => ResolvedComponent;

/** `resolveComponentGraph` with a resolver that answers at once. */
export function resolveComponentGraphSync(
  root: GraphRoot,
  resolver: SyncComponentResolver,
  maxDepth: number,
): ComponentGraph {
  const walk = walkComponentGraph(root, maxDepth);
  let step = walk.next();
  while (!step.done) {
    const settled = step.value.map((reference): Settled => {
      try {
        return { ok: true, value: resolver(reference) };
      } catch (error) {
        return { ok: false, error };
      }
    });
    step = walk.next(settled);
  }
  return step.value;
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
