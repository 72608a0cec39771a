import { z } from "zod";
import { isoTimeSchema, promptNameSchema } from "./common.js";

const countSchema = z.number().int().min(0);

/** What the response caches did: counts, and the tokens and dollars that hits did not spend. */
export const cacheCountsSchema = z.object({
  hits: countSchema.describe("Calls answered by the exact cache"),
  misses: countSchema.describe("Exact-cache lookups that found nothing live"),
  semanticHits: countSchema.describe("Calls answered by the semantic cache (a similar prompt)"),
  semanticMisses: countSchema.describe("Semantic-cache lookups that found nothing close enough"),
  skipped: countSchema.describe(
    "Calls not looked up: sampled answers (temperature above 0) are cached only when asked",
  ),
  hitRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("hits / (hits + misses); null before the first lookup"),
  semanticHitRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .describe("semanticHits / (semanticHits + semanticMisses); null before the first lookup"),
  savedInputTokens: countSchema.describe("Input tokens of the answers that hits reused"),
  savedOutputTokens: countSchema.describe("Output tokens of the answers that hits reused"),
  savedCostUsd: z
    .number()
    .min(0)
    .describe("Dollars the hits did not spend, priced by the model table"),
  unpricedHits: countSchema.describe(
    "Hits whose model has no price in the model table (not in savedCostUsd)",
  ),
});
export type CacheCounts = z.infer<typeof cacheCountsSchema>;

export const promptCacheStatisticsSchema = cacheCountsSchema.extend({
  prompt: z.string().nullable().describe("The prompt; null for calls made without one"),
  updatedAt: isoTimeSchema.describe("When a server last added to these counts"),
});
export type PromptCacheStatistics = z.infer<typeof promptCacheStatisticsSchema>;

export const cacheStatisticsQuerySchema = z.object({
  prompt: promptNameSchema.optional().describe("Only this prompt's statistics"),
});
export type CacheStatisticsQuery = z.infer<typeof cacheStatisticsQuerySchema>;

export const cacheStatisticsResponseSchema = z.object({
  items: z.array(promptCacheStatisticsSchema).describe("Per prompt, by name"),
  totals: cacheCountsSchema.describe("The sum of the items"),
  exactCache: z.object({
    enabled: z.boolean(),
    ttlMs: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe("How long an answer is served; null: no limit"),
  }),
  semanticCache: z.object({
    enabled: z.boolean(),
    reason: z
      .string()
      .nullable()
      .describe("Why it is off (no embedding model configured, no pgvector); null when on"),
    threshold: z.number().nullable().describe("The least cosine similarity served; null when off"),
    vectorVersion: z.string().nullable().describe("pgvector's version; null when off"),
  }),
});
export type CacheStatisticsResponse = z.infer<typeof cacheStatisticsResponseSchema>;

export const maximumModelIdLength = 300;

export const invalidateCacheQuerySchema = z
  .object({
    prompt: promptNameSchema.optional().describe("Remove the answers of this prompt"),
    model: z
      .string()
      .min(1)
      .max(maximumModelIdLength)
      .optional()
      .describe('Remove the answers of this model ("provider/model"); with prompt: of both'),
    all: z
      .enum(["true", "false"])
      .optional()
      .describe("true removes every cached answer (alone, without prompt or model)"),
  })
  .superRefine((query, context) => {
    const filtered = query.prompt !== undefined || query.model !== undefined;
    if (query.all === "true" && filtered) {
      context.addIssue({
        code: "custom",
        path: ["all"],
        message:
          "all=true removes every answer and cannot be combined with prompt or model: send one or the other",
      });
    } else if (query.all !== "true" && !filtered) {
      context.addIssue({
        code: "custom",
        path: [],
        message:
          "Say what to remove: ?prompt=NAME, ?model=PROVIDER/MODEL (or both), or ?all=true for every cached answer",
      });
    }
  });
export type InvalidateCacheQuery = z.infer<typeof invalidateCacheQuerySchema>;

export const invalidateCacheResponseSchema = z.object({
  removed: z.object({
    exact: countSchema.describe("Answers removed from the exact cache"),
    semantic: countSchema.describe("Answers removed from the semantic cache"),
  }),
  prompt: z.string().nullable(),
  model: z.string().nullable(),
});
export type InvalidateCacheResponse = z.infer<typeof invalidateCacheResponseSchema>;
