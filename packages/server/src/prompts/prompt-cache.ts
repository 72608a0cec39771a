import {
  type CompiledPrompt,
  type ComponentReferenceSite,
  compilePrompt,
  findComponentReferences,
  type Prompt,
  type RenderLimits,
  type Version,
} from "@quire/core";
import type { PromptStore } from "@quire/store";
import { LRUCache } from "lru-cache";
import { contentOf } from "./version-content.js";

/** A stored version and, once rendered, its compiled template (compiled once per version). */
export interface CachedVersion {
  readonly version: Version;
  compiled: CompiledPrompt | undefined;
  /** The components its template includes, read on first use. */
  references?: ComponentReferenceSite[];
}

export interface PromptCacheOptions {
  maxPrompts?: number;
  maxVersions?: number;
  /** A backstop in case a change event is lost: prompt records are re-read after this (10 s). */
  promptTtlMilliseconds?: number;
  maxTemplateBytes?: number;
  /** What one render may use (output size, loop iterations, time); core's defaults otherwise. */
  renderLimits?: Partial<RenderLimits>;
}

/**
 * The read path's cache. `prompts` maps a name to its prompt record, which holds the label map
 * (label → version number) and the latest number, so resolving `name#label` is a lookup in it;
 * `versions` maps `name@number` to the immutable version and its compiled template.
 *
 * Prompt records are dropped when the store reports a change to that prompt (from any instance);
 * versions never change, so they stay until evicted. Loads that started before an invalidation
 * are not cached (a per-name generation counter), so a slow read cannot bring back a stale label.
 */
export class PromptCache {
  private readonly prompts: LRUCache<string, Prompt>;
  private readonly versions: LRUCache<string, CachedVersion>;
  private readonly loadingPrompts = new Map<string, Promise<Prompt | undefined>>();
  private readonly generations = new Map<string, number>();
  private globalGeneration = 0;
  private readonly maxTemplateBytes: number | undefined;
  private readonly renderLimits: Partial<RenderLimits> | undefined;

  constructor(
    private readonly store: PromptStore,
    options: PromptCacheOptions = {},
  ) {
    this.prompts = new LRUCache({
      max: options.maxPrompts ?? 10_000,
      ttl: options.promptTtlMilliseconds ?? 10_000,
    });
    this.versions = new LRUCache({ max: options.maxVersions ?? 5_000 });
    this.maxTemplateBytes = options.maxTemplateBytes;
    this.renderLimits = options.renderLimits;
  }

  private generation(name: string): number {
    return this.globalGeneration + (this.generations.get(name) ?? 0);
  }

  async prompt(name: string): Promise<Prompt | undefined> {
    const cached = this.prompts.get(name);
    if (cached !== undefined) return cached;
    const loading = this.loadingPrompts.get(name);
    if (loading !== undefined) return loading;
    const generation = this.generation(name);
    const load = this.store
      .getPrompt(name)
      .then((prompt) => {
        if (prompt !== undefined && this.generation(name) === generation) {
          this.prompts.set(name, prompt);
        }
        return prompt;
      })
      .finally(() => {
        if (this.loadingPrompts.get(name) === load) this.loadingPrompts.delete(name);
      });
    this.loadingPrompts.set(name, load);
    return load;
  }

  async version(name: string, number: number): Promise<CachedVersion | undefined> {
    const key = `${name}@${number}`;
    const cached = this.versions.get(key);
    if (cached !== undefined) return cached;
    const version = await this.store.getVersion(name, number);
    if (version === undefined) return undefined;
    const entry = this.versions.get(key) ?? { version, compiled: undefined };
    this.versions.set(key, entry);
    return entry;
  }

  /** The version's compiled template, compiled on first use. */
  compiled(entry: CachedVersion): CompiledPrompt {
    entry.compiled ??= compilePrompt(contentOf(entry.version), {
      ...(this.maxTemplateBytes === undefined ? {} : { maxTemplateBytes: this.maxTemplateBytes }),
      ...(this.renderLimits === undefined ? {} : { renderLimits: this.renderLimits }),
    });
    return entry.compiled;
  }

  /** The components the version's template includes (`{{> name}}`…), read once. */
  references(entry: CachedVersion): ComponentReferenceSite[] {
    entry.references ??= findComponentReferences(entry.version);
    return entry.references;
  }

  /** Remembers a version just written, with the template compiled while validating it. */
  rememberVersion(version: Version, compiled: CompiledPrompt | undefined): void {
    const key = `${version.prompt}@${version.number}`;
    if (!this.versions.has(key)) this.versions.set(key, { version, compiled });
  }

  /** Forgets a prompt's record (labels, latest number): the next read goes to the store. */
  invalidate(name: string): void {
    this.generations.set(name, (this.generations.get(name) ?? 0) + 1);
    this.prompts.delete(name);
    this.loadingPrompts.delete(name);
  }

  /** Forgets every prompt record (the change feed reconnected and may have missed events). */
  invalidateAll(): void {
    this.globalGeneration++;
    this.prompts.clear();
    this.loadingPrompts.clear();
  }
}
