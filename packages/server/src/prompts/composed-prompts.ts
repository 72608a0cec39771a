import {
  type CompiledPrompt,
  type ComponentResolver,
  compileWithComponents,
  type PromptContent,
  QuireError,
  type RenderLimits,
  type RenderProvenance,
} from "@quire/core";
import { LRUCache } from "lru-cache";
import type { CachedVersion, PromptCache } from "./prompt-cache.js";
import { resolveVersion } from "./resolve-version.js";
import { contentOf } from "./version-content.js";

/** A version compiled with its components, and the versions of them it was compiled with. */
export interface ComposedVersion {
  compiled: CompiledPrompt;
  provenance: RenderProvenance;
}

export interface ComposedPromptsOptions {
  maxVersions?: number;
  maxTemplateBytes?: number;
  renderLimits?: Partial<RenderLimits>;
}

/**
 * Versions that include components, compiled with them. A component reference resolves through
 * the prompt cache, so it honours labels and versions as they are now: an entry is reused only
 * while every reference still selects the version it was compiled with (checked on each use
 * against the cached prompt records, which change events from every instance invalidate), so a
 * moved label or a new latest version of a component changes what its includers render.
 */
export class ComposedPrompts {
  private readonly entries: LRUCache<string, ComposedVersion>;
  private readonly compiling = new Map<string, Promise<ComposedVersion>>();
  private readonly maxTemplateBytes: number | undefined;
  private readonly renderLimits: Partial<RenderLimits> | undefined;

  constructor(
    private readonly cache: PromptCache,
    options: ComposedPromptsOptions = {},
  ) {
    this.entries = new LRUCache({ max: options.maxVersions ?? 5_000 });
    this.maxTemplateBytes = options.maxTemplateBytes;
    this.renderLimits = options.renderLimits;
  }

  /** Finds the version a reference selects now, from the cache; NOT_FOUND when there is none. */
  readonly resolver: ComponentResolver = async (reference) => {
    const prompt = await this.cache.prompt(reference.name);
    if (prompt === undefined) {
      throw new QuireError("NOT_FOUND", `there is no prompt "${reference.name}".`, {
        details: { prompt: reference.name },
      });
    }
    const number =
      reference.requested === "latest"
        ? prompt.latestVersion
        : reference.requested === "version"
          ? reference.version
          : resolveVersion(prompt, { label: reference.label }).number;
    const entry =
      number <= prompt.latestVersion ? await this.cache.version(prompt.name, number) : undefined;
    if (entry === undefined) {
      throw new QuireError(
        "NOT_FOUND",
        `prompt "${prompt.name}" has no version ${number}; its versions are 1 to ${prompt.latestVersion}.`,
        { details: { prompt: prompt.name, version: number } },
      );
    }
    return { name: prompt.name, version: number, content: contentOf(entry.version) };
  };

  /**
   * The version compiled: as it is when it includes no component (the version's own compiled
   * template), else with its components as they resolve now.
   */
  async compiled(entry: CachedVersion): Promise<ComposedVersion> {
    const { version } = entry;
    if (this.cache.references(entry).length === 0) {
      return {
        compiled: this.cache.compiled(entry),
        provenance: { prompt: version.prompt, version: version.number, components: [] },
      };
    }
    const key = `${version.prompt}@${version.number}`;
    const cached = this.entries.get(key);
    if (cached !== undefined && (await this.stillCurrent(cached.provenance))) return cached;
    const pending = this.compiling.get(key);
    if (pending !== undefined) return pending;
    const compiling = this.compose({
      name: version.prompt,
      version: version.number,
      content: contentOf(version),
    })
      .then((composed) => {
        this.entries.set(key, composed);
        return composed;
      })
      .finally(() => this.compiling.delete(key));
    this.compiling.set(key, compiling);
    return compiling;
  }

  /** Resolves and compiles (for a new version, before it is stored: `version` undefined). */
  compose(root: { name: string; version?: number; content: PromptContent }) {
    return compileWithComponents(root, this.resolver, {
      ...(this.maxTemplateBytes === undefined ? {} : { maxTemplateBytes: this.maxTemplateBytes }),
      ...(this.renderLimits === undefined ? {} : { renderLimits: this.renderLimits }),
    });
  }

  /** True while every component reference still selects the version recorded. */
  private async stillCurrent(provenance: RenderProvenance): Promise<boolean> {
    for (const component of provenance.components) {
      if (component.requested === "version") continue;
      const prompt = await this.cache.prompt(component.name);
      if (prompt === undefined) return false;
      const now =
        component.requested === "latest"
          ? prompt.latestVersion
          : prompt.labels[component.label ?? ""];
      if (now !== component.version) return false;
    }
    return true;
  }

  clear(): void {
    this.entries.clear();
  }
}
