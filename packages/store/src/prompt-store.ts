import type { LabelMove, ListPromptsQuery, Prompt, PromptContent, Version } from "@quire/core";

/** What a new version stores besides its content. */
export interface VersionProvenance {
  message: string;
  author: string;
}

export interface NewPrompt {
  name: string;
  description: string;
  tags: string[];
  content: PromptContent;
  contentHash: string;
  provenance: VersionProvenance;
  /** Labels to point at version 1, recorded as label moves by `provenance.author`. */
  labels: string[];
}

export interface NewVersion {
  name: string;
  content: PromptContent;
  contentHash: string;
  provenance: VersionProvenance;
  labels: string[];
  /** Prompt-level fields to update along with the version, when given. */
  description?: string;
  tags?: string[];
}

export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface LabelMoveRequest {
  name: string;
  label: string;
  version: number;
  actor: string;
  reason: string;
}

/**
 * An event sent to every server instance sharing the database, after the change committed.
 *
 * - `prompt-created`, `version-created` (with `version`), `label-moved` (with `label` and
 *   `version`), `prompt-updated` (description or tags changed without a new version).
 * - `resync`: the change feed lost its connection and re-opened it; changes made meanwhile
 *   were not seen, so drop everything cached. `prompt` is empty.
 */
export interface PromptChangedEvent {
  prompt: string;
  kind: "version-created" | "label-moved" | "prompt-created" | "prompt-updated" | "resync";
  label?: string;
  version?: number;
}

/** One version that includes a component, and how its template asks for it. */
export interface ComponentInclusion {
  /** The including prompt and version. */
  prompt: string;
  version: number;
  /** The reference as the store keeps it: `support/guidelines@production`. */
  reference: string;
  requested: "latest" | "label" | "version";
  /** The label asked for (`requested: "label"`), else null. */
  label: string | null;
  /** The version asked for (`requested: "version"`), else null. */
  componentVersion: number | null;
  /** Labels of the including prompt that point at this version. */
  labels: string[];
  /** True when this is the including prompt's latest version. */
  latest: boolean;
}

export interface ListIncludersQuery {
  limit: number;
  cursor?: string;
  /** `current` (default): only includers' latest and labeled versions; `all`: every version. */
  versions?: "current" | "all";
}

export interface ApiKeyRecord {
  id: string;
  prefix: string;
  name: string;
  scope: "read" | "write" | "admin";
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * The registry's storage. One implementation over kysely serves PGlite and PostgreSQL; every
 * write is one transaction, so a failed request changes nothing.
 *
 * Errors are QuireErrors: NOT_FOUND for an unknown prompt, version or label; CONFLICT for a
 * prompt that already exists.
 */
export interface PromptStore {
  /** CONFLICT when a prompt of that name exists (create a version of it instead). */
  createPrompt(input: NewPrompt): Promise<{ prompt: Prompt; version: Version }>;
  /**
   * Creates the next version (latest + 1, safe under concurrency). When `contentHash` equals the
   * latest version's, no version is written and the latest is returned with `created: false`;
   * the requested labels, description and tags are still applied where they differ (so a
   * repeated push with `--label staging` deploys what is already there).
   * NOT_FOUND when the prompt does not exist.
   */
  createVersion(input: NewVersion): Promise<{ prompt: Prompt; version: Version; created: boolean }>;
  getPrompt(name: string): Promise<Prompt | undefined>;
  listPrompts(query: ListPromptsQuery): Promise<Page<Prompt>>;
  getVersion(name: string, number: number): Promise<Version | undefined>;
  listVersions(name: string, page: { limit: number; cursor?: string }): Promise<Page<Version>>;
  /**
   * Moves (or creates) a label; records the move, also when the label already pointed at that
   * version (the history then shows who re-deployed it; `fromVersion` equals `toVersion` and no
   * change event is sent). NOT_FOUND when the prompt or version does not exist.
   */
  moveLabel(request: LabelMoveRequest): Promise<LabelMove>;
  labelHistory(name: string, page: { limit: number; cursor?: string }): Promise<Page<LabelMove>>;
  /**
   * The versions whose templates include `component` (`{{> component…}}`), recorded when each
   * version was written: ordered by includer name, then newest version first. NOT_FOUND when
   * the component prompt does not exist.
   */
  listIncluders(component: string, query: ListIncludersQuery): Promise<Page<ComponentInclusion>>;

  createApiKey(input: {
    name: string;
    prefix: string;
    hash: string;
    scope: ApiKeyRecord["scope"];
  }): Promise<ApiKeyRecord>;
  /**
   * The key with this hash, revoked or not (check `revokedAt`). Records the use in `lastUsedAt`,
   * at most once a minute per key so that authorizing a request stays a read.
   */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Every key ever created, revoked ones included: 0 means no key was ever made. */
  countApiKeys(): Promise<number>;
  /** Every key, newest first, revoked ones included. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  /** Revokes a key (idempotent); NOT_FOUND for an unknown id. */
  revokeApiKey(id: string): Promise<ApiKeyRecord>;

  /** Subscribes to changes made by any instance (including this one). Returns an unsubscribe. */
  onPromptChanged(listener: (event: PromptChangedEvent) => void): () => void;
  close(): Promise<void>;
}
