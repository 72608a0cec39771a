import {
  type CompiledPrompt,
  type CreatePromptRequest,
  type CreateVersionRequest,
  type CreateVersionResponse,
  compilePrompt,
  diffVersions,
  type GetPromptResponse,
  type LabelMove,
  type ListPromptsQuery,
  type Prompt,
  type PromptContent,
  QuireError,
  type RenderResponse,
  type Version,
  type VersionDiff,
} from "@quire/core";
import type { Page, PromptChangedEvent, PromptStore } from "@quire/store";
import { contentHash } from "./content-hash.js";
import { labelsAt, promptShape, versionShape } from "./contract-shapes.js";
import { type CachedVersion, PromptCache, type PromptCacheOptions } from "./prompt-cache.js";
import {
  notFoundError,
  type ResolvedVersion,
  resolveVersion,
  type VersionSelector,
} from "./resolve-version.js";
import { versionContent } from "./version-content.js";

export interface PromptServiceOptions extends PromptCacheOptions {
  /** Largest template accepted, in bytes (default: core's 100 KB). */
  maxTemplateBytes?: number;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface RenderRequest extends VersionSelector {
  variables: Record<string, unknown>;
  strict?: boolean | undefined;
}

/**
 * Owns every write to prompts, versions and labels (so hashing, schema normalization, template
 * checks, cache invalidation and label history cannot be skipped) and serves the cached read
 * path: resolve `name` + label or version → version → compiled template → render.
 */
export class PromptService {
  private readonly cache: PromptCache;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: PromptStore,
    private readonly options: PromptServiceOptions = {},
  ) {
    this.cache = new PromptCache(store, options);
    this.unsubscribe = store.onPromptChanged((event) => this.onPromptChanged(event));
  }

  private onPromptChanged(event: PromptChangedEvent): void {
    if (event.kind === "resync" || event.prompt === "") this.cache.invalidateAll();
    else this.cache.invalidate(event.prompt);
  }

  /** Stops listening to change events. */
  close(): void {
    this.unsubscribe();
  }

  /** Compiles the content (so a syntax error stores nothing) and hashes it. */
  private prepare(content: PromptContent): { compiled: CompiledPrompt; hash: string } {
    const compiled = compilePrompt(
      content,
      this.options.maxTemplateBytes === undefined
        ? {}
        : { maxTemplateBytes: this.options.maxTemplateBytes },
    );
    return { compiled, hash: contentHash(content) };
  }

  async createPrompt(request: CreatePromptRequest, author: string): Promise<CreateVersionResponse> {
    const content = versionContent(request, undefined);
    const { compiled, hash } = this.prepare(content);
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
    this.cache.rememberVersion(version, compiled);
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
    const { compiled, hash } = this.prepare(content);
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
    if (result.created) this.cache.rememberVersion(result.version, compiled);
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
    const compiled = this.cache.compiled(resolved.entry);
    const result = compiled.render(request.variables, { strict: request.strict ?? false });
    const base = {
      prompt: name,
      version: resolved.entry.version.number,
      label: resolved.label,
      resolvedBy: resolved.resolvedBy,
      variables: result.variables,
    };
    return "text" in result
      ? { ...base, text: result.text }
      : { ...base, messages: result.messages };
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
