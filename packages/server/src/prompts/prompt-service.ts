import {
  type CompiledPrompt,
  type CreatePromptRequest,
  type CreateVersionRequest,
  type CreateVersionResponse,
  componentLayoutProblem,
  diffVersions,
  type GetPromptResponse,
  type GuardOptionsInput,
  type LabelMove,
  type ListPromptsQuery,
  type ModelInfo,
  type Prompt,
  type PromptContent,
  preloadEncoders,
  QuireError,
  type RenderFormat,
  type RenderResponse,
  type Version,
  type VersionDiff,
  type VersionDraft,
} from "@quire/core";
import type { ComponentInclusion, Page, PromptChangedEvent, PromptStore } from "@quire/store";
import { ComposedPrompts, type ComposedVersion } from "./composed-prompts.js";
import { contentHash } from "./content-hash.js";
import { labelsAt, promptShape, versionShape } from "./contract-shapes.js";
import { type CachedVersion, PromptCache, type PromptCacheOptions } from "./prompt-cache.js";
import { guardOptionsFor, renderGuarded } from "./render-guards.js";
import { formattedPayload, renderedTokens } from "./render-payload.js";
import {
  notFoundError,
  type ResolvedVersion,
  resolveVersion,
  type VersionSelector,
} from "./resolve-version.js";
import { contentOf, versionContent } from "./version-content.js";

export interface PromptServiceOptions extends PromptCacheOptions {
  /** Largest template accepted, in bytes (default: core's 100 KB). */
  maxTemplateBytes?: number;
  /** The model table for `/render`'s token counts (with quire.toml's [models]; default built-in). */
  models?: readonly ModelInfo[];
  /**
   * Checks a new version's config against this server's settings before it is stored (the
   * tools its `config.tools` names are configured); throws the error to answer.
   */
  checkConfig?: (config: Readonly<Record<string, unknown>>, where: string) => void;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface RenderRequest extends VersionSelector {
  variables: Record<string, unknown>;
  strict?: boolean | undefined;
  /** Also answer the provider payload in this model format. */
  format?: RenderFormat | undefined;
  /** Also count the rendered prompt's tokens for this model. */
  model?: string | undefined;
  /** Render-time guards; replaces the version's `config.guard`. */
  guard?: GuardOptionsInput | undefined;
}

/** Which version a render rendered (a draft's has no number). */
type RenderIdentity = {
  prompt: string;
  version: number | null;
  label: string | null;
  resolvedBy: string;
};

/** The render of a draft: no version, found by nothing but the request. */
export type DraftRender = Omit<RenderResponse, keyof RenderIdentity> & {
  prompt: string;
  version: null;
  label: null;
  resolvedBy: "draft";
};

export interface UsedByRequest extends PageRequest {
  versions?: "current" | "all" | undefined;
}

/** An includer, with the component version its reference selects now. */
export type ComponentInclusionWithTarget = ComponentInclusion & { resolvesTo: number | null };

/**
 * Owns every write to prompts, versions and labels (so hashing, schema normalization, template
 * checks, cache invalidation and label history cannot be skipped) and serves the cached read
 * path: resolve `name` + label or version → version → compiled template → render.
 */
export class PromptService {
  private readonly cache: PromptCache;
  private readonly composed: ComposedPrompts;
  private readonly unsubscribe: () => void;
  private readonly models: readonly ModelInfo[] | undefined;
  private readonly checkConfig: PromptServiceOptions["checkConfig"];

  constructor(
    private readonly store: PromptStore,
    options: PromptServiceOptions = {},
  ) {
    this.cache = new PromptCache(store, options);
    this.models = options.models;
    this.checkConfig = options.checkConfig;
    this.composed = new ComposedPrompts(this.cache, options);
    this.unsubscribe = store.onPromptChanged((event) => this.onPromptChanged(event));
    // Token counting in /render must not wait for an encoder to load: load them now, in the
    // background (a failed load is retried by the first request that counts tokens).
    preloadEncoders().catch(() => undefined);
  }

  private onPromptChanged(event: PromptChangedEvent): void {
    if (event.kind === "resync" || event.prompt === "") {
      this.cache.invalidateAll();
      this.composed.clear();
    } else this.cache.invalidate(event.prompt);
  }

  /** Stops listening to change events. */
  close(): void {
    this.unsubscribe();
  }

  /**
   * Checks the content before anything is stored: compiles it with its components as they
   * resolve now (so a syntax error, an unknown component, a cycle or too deep a chain stores
   * nothing) and hashes it. The compiled prompt is kept for versions without components.
   */
  private async prepare(
    name: string,
    content: PromptContent,
  ): Promise<{ compiled: CompiledPrompt | undefined; hash: string }> {
    const layoutProblem = componentLayoutProblem(content.metadata);
    if (layoutProblem !== undefined) {
      throw new QuireError("VALIDATION_FAILED", `${layoutProblem}.`, {
        details: {
          issues: [{ location: "body", path: "metadata.component", message: layoutProblem }],
        },
      });
    }
    this.checkConfig?.(content.config, `the new version of "${name}"`);
    const { compiled, provenance } = await this.composed.compose({ name, content });
    return {
      compiled: provenance.components.length === 0 ? compiled : undefined,
      hash: contentHash(content),
    };
  }

  async createPrompt(request: CreatePromptRequest, author: string): Promise<CreateVersionResponse> {
    const content = versionContent(request, undefined);
    const { compiled, hash } = await this.prepare(request.name, content);
    const { prompt, version } = await this.store.createPrompt({
      name: request.name,
      description: request.description ?? "",
      tags: request.tags ?? [],
      content,
      contentHash: hash,
      provenance: { message: request.message ?? "", author },
      labels: request.labels ?? [],
    });
    this.cache.invalidate(prompt.name);
    if (compiled !== undefined) this.cache.rememberVersion(version, compiled);
    return { prompt, version, created: true };
  }

  async createVersion(
    name: string,
    request: CreateVersionRequest,
    author: string,
  ): Promise<CreateVersionResponse> {
    const current = await this.store.getPrompt(name);
    if (current === undefined) throw notFoundError(name);
    const latest = await this.store.getVersion(name, current.latestVersion);
    const content = versionContent(request, latest);
    const { compiled, hash } = await this.prepare(name, content);
    const result = await this.store.createVersion({
      name,
      content,
      contentHash: hash,
      provenance: { message: request.message ?? "", author },
      labels: request.labels ?? [],
      ...(request.description === undefined ? {} : { description: request.description }),
      ...(request.tags === undefined ? {} : { tags: request.tags }),
    });
    this.cache.invalidate(name);
    if (result.created && compiled !== undefined) {
      this.cache.rememberVersion(result.version, compiled);
    }
    return result;
  }

  listPrompts(query: ListPromptsQuery): Promise<Page<Prompt>> {
    return this.store.listPrompts(query);
  }

  async listVersions(name: string, page: PageRequest): Promise<Page<Version>> {
    await this.existingPrompt(name);
    return this.store.listVersions(name, withoutUndefinedCursor(page));
  }

  async moveLabel(
    name: string,
    label: string,
    move: { version: number; reason?: string | undefined },
    actor: string,
  ): Promise<LabelMove> {
    await this.checkRenders(name, move.version);
    const result = await this.store.moveLabel({
      name,
      label,
      version: move.version,
      actor,
      reason: move.reason ?? "",
    });
    this.cache.invalidate(name);
    return result;
  }

  /**
   * A label is not moved to a version whose components no longer compose: the move could close
   * a cycle (`a` includes `b`, which includes `a@production`) or go past the depth limit.
   */
  private async checkRenders(name: string, number: number): Promise<void> {
    const entry = await this.cache.version(name, number);
    if (entry === undefined || this.cache.references(entry).length === 0) return;
    await this.composed.compose({ name, version: number, content: contentOf(entry.version) });
  }

  /** The versions that include a component, each with the version it selects now. */
  async usedBy(name: string, request: UsedByRequest): Promise<Page<ComponentInclusionWithTarget>> {
    const page = await this.store.listIncluders(name, {
      ...withoutUndefinedCursor(request),
      versions: request.versions ?? "current",
    });
    const component = await this.cache.prompt(name);
    return {
      items: page.items.map((item) => ({
        ...item,
        resolvesTo:
          item.requested === "version"
            ? item.componentVersion
            : item.requested === "latest"
              ? (component?.latestVersion ?? null)
              : (component?.labels[item.label ?? ""] ?? null),
      })),
      nextCursor: page.nextCursor,
    };
  }

  async labelHistory(name: string, page: PageRequest): Promise<Page<LabelMove>> {
    await this.existingPrompt(name);
    return this.store.labelHistory(name, withoutUndefinedCursor(page));
  }

  async diff(name: string, from: number, to: number): Promise<VersionDiff> {
    const prompt = await this.existingPrompt(name);
    const [fromEntry, toEntry] = await Promise.all([
      this.existingVersion(prompt, from),
      this.existingVersion(prompt, to),
    ]);
    return diffVersions(fromEntry.version, toEntry.version);
  }

  /** The version a label or number selects (see `resolveVersion`), from the cache. */
  async getPrompt(name: string, selector: VersionSelector): Promise<GetPromptResponse> {
    const resolved = await this.resolve(name, selector);
    const { prompt, entry } = resolved;
    return {
      prompt: promptShape(prompt),
      version: versionShape(entry.version, labelsAt(prompt, entry.version.number)),
      label: resolved.label,
      resolvedBy: resolved.resolvedBy,
    };
  }

  async render(name: string, request: RenderRequest): Promise<RenderResponse> {
    const resolved = await this.resolve(name, request);
    const composed = await this.composed.compiled(resolved.entry);
    const { version } = resolved.entry;
    return this.renderComposed(composed, version, request, {
      prompt: name,
      version: version.number,
      label: resolved.label,
      resolvedBy: resolved.resolvedBy,
    });
  }

  /**
   * Renders an unsaved version of `name` (a run's draft) as `render` renders a stored one:
   * components resolved now, input schema, guards, render limits. Omitted fields come from the
   * prompt's latest version, as saving would take them; the prompt need not exist. Nothing is
   * stored or cached. Answers the render (version null) and the content it rendered.
   */
  async renderDraft(
    name: string,
    draft: VersionDraft,
    request: Omit<RenderRequest, "label" | "version">,
  ): Promise<{ rendered: DraftRender; content: PromptContent }> {
    const prompt = await this.cache.prompt(name);
    const latest =
      prompt === undefined ? undefined : await this.cache.version(name, prompt.latestVersion);
    const content = versionContent(draft, latest?.version);
    const composed = await this.composed.compose({ name, content });
    const rendered = await this.renderComposed(composed, content, request, {
      prompt: name,
      version: null,
      label: null,
      resolvedBy: "draft" as const,
    });
    return { rendered, content };
  }

  private async renderComposed<Identity extends RenderIdentity>(
    { compiled, provenance }: ComposedVersion,
    content: Pick<PromptContent, "inputSchema" | "config">,
    request: Omit<RenderRequest, "label" | "version">,
    identity: Identity,
  ): Promise<Omit<RenderResponse, keyof RenderIdentity> & Identity> {
    const strict = request.strict ?? false;
    const guard = guardOptionsFor(request.guard, content.config);
    const guarded =
      guard === undefined
        ? undefined
        : renderGuarded(compiled, request.variables, strict, content.inputSchema, guard);
    const result = guarded?.result ?? compiled.render(request.variables, { strict });
    const { text, messages, variables } = result as {
      text?: string;
      messages?: RenderResponse["messages"];
      variables: Record<string, unknown>;
    };
    const response: Omit<RenderResponse, keyof RenderIdentity> & Identity = {
      ...identity,
      variables,
      ...(text === undefined ? { messages } : { text }),
      provenance,
    };
    if (guarded !== undefined) {
      const { findings, guarded: paths, canary } = guarded.guards;
      response.guard = { findings, guarded: paths, ...(canary === undefined ? {} : { canary }) };
    }
    if (request.format !== undefined)
      Object.assign(response, formattedPayload(result, request.format));
    if (request.model !== undefined)
      response.tokens = await renderedTokens(result, request.model, this.models);
    return response;
  }

  private async resolve(
    name: string,
    selector: VersionSelector,
  ): Promise<ResolvedVersion & { entry: CachedVersion }> {
    const prompt = await this.existingPrompt(name);
    const resolved = resolveVersion(prompt, selector);
    const entry = await this.existingVersion(prompt, resolved.number);
    return { ...resolved, entry };
  }

  private async existingPrompt(name: string): Promise<Prompt> {
    const prompt = await this.cache.prompt(name);
    if (prompt === undefined) throw notFoundError(name);
    return prompt;
  }

  private async existingVersion(prompt: Prompt, number: number): Promise<CachedVersion> {
    const entry =
      number <= prompt.latestVersion ? await this.cache.version(prompt.name, number) : undefined;
    if (entry === undefined) {
      throw new QuireError(
        "NOT_FOUND",
        `Prompt "${prompt.name}" has no version ${number}; its versions are 1 to ${prompt.latestVersion}.`,
        { details: { prompt: prompt.name, version: number, latestVersion: prompt.latestVersion } },
      );
    }
    return entry;
  }
}

function withoutUndefinedCursor(page: PageRequest): { limit: number; cursor?: string } {
  return page.cursor === undefined
    ? { limit: page.limit }
    : { limit: page.limit, cursor: page.cursor };
}
