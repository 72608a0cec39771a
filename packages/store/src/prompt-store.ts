import type {
  LabelMove,
  ListPromptsQuery,
  Prompt,
  PromptContent,
  Version,
} from "@quire/core";

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

/** An event sent to every server instance sharing the database. */
export interface PromptChangedEvent {
  prompt: string;
  kind: "version-created" | "label-moved" | "prompt-created";
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
  createPrompt(input: NewPrompt): Promise<{ prompt: Prompt; version: Version }>;
  /**
   * Creates the next version (latest + 1, safe under concurrency). When `contentHash` equals the
   * latest version's, nothing is written and the latest is returned with `created: false`.
   */
  createVersion(input: NewVersion): Promise<{ prompt: Prompt; version: Version; created: boolean }>;
  getPrompt(name: string): Promise<Prompt | undefined>;
  listPrompts(query: ListPromptsQuery): Promise<Page<Prompt>>;
  getVersion(name: string, number: number): Promise<Version | undefined>;
  listVersions(name: string, page: { limit: number; cursor?: string }): Promise<Page<Version>>;
  /** Moves (or creates) a label; records the move. NOT_FOUND when the version does not exist. */
  moveLabel(request: LabelMoveRequest): Promise<LabelMove>;
  labelHistory(name: string, page: { limit: number; cursor?: string }): Promise<Page<LabelMove>>;

  createApiKey(input: {
    name: string;
    prefix: string;
    hash: string;
    scope: ApiKeyRecord["scope"];
  }): Promise<ApiKeyRecord>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  countApiKeys(): Promise<number>;

  /** Subscribes to changes made by any instance (including this one). Returns an unsubscribe. */
  onPromptChanged(listener: (event: PromptChangedEvent) => void): () => void;
  close(): Promise<void>;
}
