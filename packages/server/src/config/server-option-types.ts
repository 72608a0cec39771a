import type { ModelInfo, ModelOverride, RenderLimits } from "@quire/core";
import type { ProviderConfig } from "@quire/llm";
import type { ToolConfig } from "../tools/tool-config.js";

export const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** What `startServer` accepts; each value falls back to its environment variable, then a default. */
export interface ServerOptions {
  /** TCP port (default 4141, `QUIRE_PORT`); 0 picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1, `QUIRE_HOST`). */
  host?: string;
  /** Folder of the embedded database and of `admin.key` (default ./.quire, `QUIRE_DATA_DIR`). */
  dataDirectory?: string;
  /** PostgreSQL connection string (`QUIRE_DATABASE_URL`); the embedded PGlite when absent. */
  databaseUrl?: string;
  /** Largest request body accepted (default 1 MB, `QUIRE_BODY_LIMIT_BYTES`). */
  bodyLimitBytes?: number;
  /** Log level (default info, `QUIRE_LOG_LEVEL`). */
  logLevel?: LogLevel;
  /** Seed example prompts on the first start of an empty database (default true). */
  seedExamples?: boolean;
  /** Close the server on SIGTERM and SIGINT (default true). */
  handleSignals?: boolean;
  /**
   * Changes to the built-in model table and new models (`[models]` of quire.toml, by model name):
   * context window, max output, prices, how to count tokens. See core's `withModelOverrides`.
   */
  models?: Readonly<Record<string, ModelOverride>>;
  /**
   * The model providers runs may call (`[[providers]]` of quire.toml, see `@quire/llm`); their
   * keys are read from the environment variables they name, once, at start. None: prompts are
   * managed and rendered, and runs answer how to add providers.
   */
  providers?: readonly ProviderConfig[];
  /**
   * The tools ReAct and tool calling may call on `/run` (`[[tools]]` of quire.toml): HTTP
   * endpoints the operator runs, named by versions' `config.tools`. Header values are read from
   * the environment variables they name, once, at start. Default none.
   */
  tools?: readonly ToolConfig[];
  /**
   * Most tool calls of one model round running at once (default 4, `QUIRE_TOOL_CALLS_MAX_PARALLEL`;
   * quire.toml's `[toolCalls] maxParallel`).
   */
  toolCallsMaxParallel?: number;
  /**
   * Most tool calls of one model round the server runs (default 16,
   * `QUIRE_TOOL_CALLS_MAX_PER_ROUND`; `[toolCalls] maxPerRound`); the rest get an error result.
   */
  toolCallsMaxPerRound?: number;
  /** Each model call attempt's time limit in ms (default 60,000, `QUIRE_MODEL_TIMEOUT_MS`). */
  modelTimeoutMs?: number;
  /** Retries of a failed model call: timeouts, 429, 5xx (default 2, `QUIRE_MODEL_RETRIES`). */
  modelRetries?: number;
  /**
   * How long the response cache serves an answer, in ms (default 3,600,000 = one hour,
   * `QUIRE_RESPONSE_CACHE_TTL_MS`); 0 turns the cache off.
   */
  responseCacheTtlMs?: number;
  /** Most answers the in-memory response cache keeps (default 10,000, `QUIRE_RESPONSE_CACHE_MAX_ENTRIES`). */
  responseCacheMaxEntries?: number;
  /**
   * The embedding model of the semantic response cache (`provider/model` from a provider's
   * `embeddingModels`, `QUIRE_SEMANTIC_CACHE_MODEL`); absent: the semantic cache is off.
   */
  semanticCacheModel?: string;
  /** Cosine similarity from which the semantic cache serves an answer (default 0.95, `QUIRE_SEMANTIC_CACHE_THRESHOLD`). */
  semanticCacheThreshold?: number;
  /**
   * The embedding model of `similar` assertions in eval runs (`provider/model`,
   * `QUIRE_EVAL_EMBEDDING_MODEL`; quire.toml's `[evaluation] embeddingModel`); default: the
   * semantic cache's model. None: those assertions error saying so.
   */
  evalEmbeddingModel?: string;
  /** Eval runs this server executes at once (default 2, `QUIRE_EVAL_CONCURRENCY`); 0: it runs none. */
  evalConcurrency?: number;
  /** A claimed eval run's lease in seconds (default 30, `QUIRE_EVAL_LEASE_SECONDS`). */
  evalLeaseSeconds?: number;
  /** How often the eval-run queue is checked, in ms (default 1,000, `QUIRE_EVAL_POLL_INTERVAL_MS`). */
  evalPollIntervalMs?: number;
  /**
   * Origins allowed to call the API from a browser (CORS), e.g. `https://app.example.com`
   * (`QUIRE_CORS_ORIGINS`, comma-separated); default none: CORS off.
   */
  corsOrigins?: readonly string[];
  /**
   * Requests per minute one API key or session may make on each server (default 600,000,
   * `QUIRE_RATE_LIMIT_PER_KEY_PER_MINUTE`); 0: no limit.
   */
  rateLimitPerKeyPerMinute?: number;
  /**
   * Failed authentications per minute from one address before it gets 429 (default 120,
   * `QUIRE_FAILED_AUTH_PER_ADDRESS_PER_MINUTE`).
   */
  failedAuthPerAddressPerMinute?: number;
  /** Longest render of a template, in ms (default 100, `QUIRE_RENDER_MAX_MS`). */
  renderMaxMs?: number;
  /** Largest rendered output, in bytes (default 1 MB, `QUIRE_RENDER_MAX_OUTPUT_BYTES`). */
  renderMaxOutputBytes?: number;
  /** Most loop iterations in one render (default 1,000,000, `QUIRE_RENDER_MAX_LOOP_ITERATIONS`). */
  renderMaxLoopIterations?: number;
  /**
   * Keep each execution's variables and output text in the execution log, runs' and ingested
   * records' alike (default true, `QUIRE_EXECUTIONS_STORE_CONTENT`; quire.toml's
   * `[executions] storeContent`); false keeps only counts, times, costs and metadata.
   */
  storeExecutionContent?: boolean;
}

export interface ResolvedServerOptions {
  port: number;
  host: string;
  dataDirectory: string;
  databaseUrl: string | undefined;
  bodyLimitBytes: number;
  logLevel: LogLevel;
  seedExamples: boolean;
  handleSignals: boolean;
  /**
   * The model table every token count, budget and cost of this server uses: the built-in one with
   * the `models` option applied. Pass it on as `{ models }` to `countTokens`, `tokensAvailable`….
   */
  models: readonly ModelInfo[];
  providers: readonly ProviderConfig[];
  tools: readonly ToolConfig[];
  toolCallsMaxParallel: number;
  toolCallsMaxPerRound: number;
  modelTimeoutMs: number;
  modelRetries: number;
  /** 0: the response cache is off. */
  responseCacheTtlMs: number;
  responseCacheMaxEntries: number;
  semanticCacheModel: string | undefined;
  semanticCacheThreshold: number;
  /** The semantic cache's model when not set. */
  evalEmbeddingModel: string | undefined;
  evalConcurrency: number;
  evalLeaseSeconds: number;
  evalPollIntervalMs: number;
  corsOrigins: readonly string[];
  /** null: no limit. */
  rateLimitPerKeyPerMinute: number | null;
  failedAuthPerAddressPerMinute: number;
  /** Each render's limits (core's `RenderLimits`; its defaults where not set). */
  renderLimits: RenderLimits;
  storeExecutionContent: boolean;
}
