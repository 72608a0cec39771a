import { resolve } from "node:path";
import { defaultModels, modelInfo, QuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import { resolveServerOptions } from "./server-options.js";

describe("resolveServerOptions", () => {
  it("uses defaults when neither option nor environment variable is set", () => {
    expect(resolveServerOptions({}, {})).toEqual({
      port: 4141,
      host: "127.0.0.1",
      dataDirectory: resolve(".quire"),
      databaseUrl: undefined,
      bodyLimitBytes: 1024 * 1024,
      logLevel: "info",
      seedExamples: true,
      handleSignals: true,
      models: defaultModels,
      providers: [],
      tools: [],
      toolCallsMaxParallel: 4,
      toolCallsMaxPerRound: 16,
      modelTimeoutMs: 60_000,
      modelRetries: 2,
      responseCacheTtlMs: 3_600_000,
      responseCacheMaxEntries: 10_000,
      semanticCacheModel: undefined,
      semanticCacheThreshold: 0.95,
      evalEmbeddingModel: undefined,
      evalConcurrency: 2,
      evalLeaseSeconds: 30,
      evalPollIntervalMs: 1_000,
      corsOrigins: [],
      rateLimitPerKeyPerMinute: 600_000,
      failedAuthPerAddressPerMinute: 120,
      renderLimits: { maxRenderMs: 100, maxOutputBytes: 1024 * 1024, maxLoopIterations: 1_000_000 },
      storeExecutionContent: true,
    });
  });

  it("turns execution content logging off from the option or QUIRE_EXECUTIONS_STORE_CONTENT", () => {
    const resolved = (value: string) =>
      resolveServerOptions({}, { QUIRE_EXECUTIONS_STORE_CONTENT: value }).storeExecutionContent;
    expect(resolved("false")).toBe(false);
    expect(resolved(" OFF ")).toBe(false);
    expect(resolved("1")).toBe(true);
    expect(
      resolveServerOptions({ storeExecutionContent: true }, { QUIRE_EXECUTIONS_STORE_CONTENT: "0" })
        .storeExecutionContent,
    ).toBe(true);
    expect(() => resolved("maybe")).toThrow(
      /QUIRE_EXECUTIONS_STORE_CONTENT.*must be true or false/,
    );
  });

  it("reads the tool-call bounds from options and variables, refusing a bound out of range", () => {
    expect(
      resolveServerOptions(
        { toolCallsMaxPerRound: 8 },
        { QUIRE_TOOL_CALLS_MAX_PARALLEL: "2", QUIRE_TOOL_CALLS_MAX_PER_ROUND: "3" },
      ),
    ).toMatchObject({ toolCallsMaxParallel: 2, toolCallsMaxPerRound: 8 });
    expect(() => resolveServerOptions({}, { QUIRE_TOOL_CALLS_MAX_PARALLEL: "0" })).toThrow(
      'Invalid server configuration: environment variable QUIRE_TOOL_CALLS_MAX_PARALLEL (used because option "toolCallsMaxParallel" is not set) is "0": must be 1 or more.',
    );
  });

  it("reads the cache, CORS and rate-limit settings from options and variables", () => {
    expect(
      resolveServerOptions(
        {},
        {
          QUIRE_SEMANTIC_CACHE_MODEL: "local/nomic-embed-text",
          QUIRE_SEMANTIC_CACHE_THRESHOLD: "0.9",
          QUIRE_CORS_ORIGINS: "https://a.example.com, http://localhost:5173",
          QUIRE_RATE_LIMIT_PER_KEY_PER_MINUTE: "0",
          QUIRE_FAILED_AUTH_PER_ADDRESS_PER_MINUTE: "30",
        },
      ),
    ).toMatchObject({
      semanticCacheModel: "local/nomic-embed-text",
      semanticCacheThreshold: 0.9,
      corsOrigins: ["https://a.example.com", "http://localhost:5173"],
      rateLimitPerKeyPerMinute: null,
      failedAuthPerAddressPerMinute: 30,
    });
    expect(
      resolveServerOptions(
        { corsOrigins: ["https://b.example.com"], rateLimitPerKeyPerMinute: 60 },
        {},
      ),
    ).toMatchObject({ corsOrigins: ["https://b.example.com"], rateLimitPerKeyPerMinute: 60 });
  });

  it("reads the eval worker and its embedding model, which defaults to the semantic cache's", () => {
    expect(
      resolveServerOptions(
        { evalLeaseSeconds: 60 },
        {
          QUIRE_EVAL_CONCURRENCY: "0",
          QUIRE_EVAL_LEASE_SECONDS: "10",
          QUIRE_EVAL_POLL_INTERVAL_MS: "250",
          QUIRE_SEMANTIC_CACHE_MODEL: "local/cache-embed",
        },
      ),
    ).toMatchObject({
      evalEmbeddingModel: "local/cache-embed",
      evalConcurrency: 0,
      evalLeaseSeconds: 60,
      evalPollIntervalMs: 250,
    });
    expect(
      resolveServerOptions(
        { semanticCacheModel: "local/cache-embed" },
        { QUIRE_EVAL_EMBEDDING_MODEL: "local/eval-embed" },
      ).evalEmbeddingModel,
    ).toBe("local/eval-embed");
    expect(() => resolveServerOptions({}, { QUIRE_EVAL_LEASE_SECONDS: "1" })).toThrow(
      /QUIRE_EVAL_LEASE_SECONDS/,
    );
    expect(() => resolveServerOptions({}, { QUIRE_EVAL_EMBEDDING_MODEL: "embed" })).toThrow(
      /"provider\/model"/,
    );
  });

  it("names a bad origin, threshold or model id with its variable", () => {
    const failure = (environment: Record<string, string>) => {
      try {
        resolveServerOptions({}, environment);
      } catch (error) {
        return error as QuireError;
      }
      throw new Error("expected a configuration error");
    };
    const origin = failure({ QUIRE_CORS_ORIGINS: "https://a.example.com/app" });
    expect(origin.code).toBe("CONFIG_INVALID");
    expect(origin.message).toContain("QUIRE_CORS_ORIGINS");
    expect(origin.message).toContain("without a path");
    expect(failure({ QUIRE_SEMANTIC_CACHE_THRESHOLD: "1.5" }).message).toContain("at most 1");
    expect(failure({ QUIRE_SEMANTIC_CACHE_MODEL: "nomic" }).message).toContain('"provider/model"');
  });

  it("reads the run settings from their variables and names a bad one", () => {
    const resolved = resolveServerOptions(
      {},
      {
        QUIRE_MODEL_TIMEOUT_MS: "5000",
        QUIRE_MODEL_RETRIES: "0",
        QUIRE_RESPONSE_CACHE_TTL_MS: "0",
        QUIRE_RESPONSE_CACHE_MAX_ENTRIES: "50",
      },
    );
    expect(resolved).toMatchObject({
      modelTimeoutMs: 5_000,
      modelRetries: 0,
      responseCacheTtlMs: 0,
      responseCacheMaxEntries: 50,
    });
    expect(() => resolveServerOptions({}, { QUIRE_MODEL_RETRIES: "many" })).toThrow(
      /environment variable QUIRE_MODEL_RETRIES .*"many"/,
    );
    expect(() => resolveServerOptions({ modelTimeoutMs: 0 }, {})).toThrow(
      /option "modelTimeoutMs" is 0/,
    );
  });

  it("applies model overrides to the model table it resolves, and names a bad one", () => {
    const { models } = resolveServerOptions(
      {
        models: {
          "gpt-4o": { contextWindow: 64_000 },
          "acme-1": { contextWindow: 4000, maxOutputTokens: 500 },
        },
      },
      {},
    );
    expect(modelInfo("gpt-4o-2024-08-06", models)?.contextWindow).toBe(64_000);
    expect(modelInfo("acme-1", models)?.maxOutputTokens).toBe(500);
    expect(() => resolveServerOptions({ models: { "acme-1": { contextWindow: 1 } } }, {})).toThrow(
      /acme-1.*maxOutputTokens/,
    );
  });

  it("prefers the explicit option over the environment, and the environment over the default", () => {
    const environment = {
      QUIRE_PORT: "5000",
      QUIRE_DATA_DIR: "/tmp/from-env",
      QUIRE_DATABASE_URL: "postgres://localhost/quire",
      QUIRE_LOG_LEVEL: "warn",
      QUIRE_BODY_LIMIT_BYTES: "2048",
    };
    const fromEnvironment = resolveServerOptions({}, environment);
    expect(fromEnvironment).toMatchObject({
      port: 5000,
      dataDirectory: "/tmp/from-env",
      databaseUrl: "postgres://localhost/quire",
      logLevel: "warn",
      bodyLimitBytes: 2048,
    });
    const explicit = resolveServerOptions({ port: 0, dataDirectory: "/tmp/explicit" }, environment);
    expect(explicit).toMatchObject({ port: 0, dataDirectory: "/tmp/explicit" });
  });

  it("names the option and the environment variable of an invalid value", () => {
    expect(() => resolveServerOptions({}, { QUIRE_PORT: "http" })).toThrow(/QUIRE_PORT.*"port"/);
    try {
      resolveServerOptions({ databaseUrl: "mysql://x" }, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(QuireError);
      expect((error as QuireError).code).toBe("CONFIG_INVALID");
      expect((error as QuireError).message).toContain('option "databaseUrl"');
      expect((error as QuireError).details).toMatchObject({
        option: "databaseUrl",
        variable: "QUIRE_DATABASE_URL",
      });
    }
    expect(() => resolveServerOptions({ port: 70_000 }, {})).toThrow(/"port"/);
    expect(() => resolveServerOptions({}, { QUIRE_LOG_LEVEL: "loud" })).toThrow(/QUIRE_LOG_LEVEL/);
  });
});
