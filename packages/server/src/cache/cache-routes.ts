import {
  cacheStatisticsQuerySchema,
  cacheStatisticsResponseSchema,
  invalidateCacheQuerySchema,
  invalidateCacheResponseSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";
import type { ResponseCaches } from "./create-response-caches.js";

const statisticsDescription = `What the response caches did, per prompt and in total, summed over every server on the database: exact-cache hits and misses, semantic-cache hits and misses, calls not looked up (sampled answers), and the input and output tokens and dollars that hits did not spend (priced by the model table; hits of unpriced models are counted apart). Each server adds its counts every few seconds; this server's are written before answering, so only other servers' last seconds may be missing. Also says whether the semantic cache is on, and if not, why.`;

const invalidateDescription = `Removes cached answers from the exact and the semantic cache: those of a prompt (\`?prompt=\`), of a model (\`?model=provider/model\`), of both at once (both given: answers of that prompt on that model), or every answer with \`?all=true\` alone — a request that says none of these is refused (422), so that nothing is emptied by mistake. Statistics are kept. Every server reads the same tables, so the answers are gone for all of them at once.`;

/** `GET /v1/cache/stats` and `DELETE /v1/cache`; authenticated like every /v1 route. */
export function registerCacheRoutes(app: FastifyInstance, caches: ResponseCaches): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/cache/stats",
    {
      schema: {
        tags: ["cache"],
        summary: "Response cache statistics per prompt: hits, misses, tokens and cost saved",
        description: statisticsDescription,
        security: secured,
        querystring: cacheStatisticsQuerySchema,
        response: { 200: cacheStatisticsResponseSchema, ...errorResponses },
      },
    },
    async (request) => caches.statistics({ prompt: request.query.prompt }),
  );

  routes.delete(
    "/v1/cache",
    {
      schema: {
        tags: ["cache"],
        summary: "Invalidate cached answers by prompt, by model, or all (?all=true)",
        description: invalidateDescription,
        security: secured,
        querystring: invalidateCacheQuerySchema,
        response: { 200: invalidateCacheResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { prompt, model } = request.query;
      const removed = await caches.invalidate({
        ...(prompt === undefined ? {} : { prompt }),
        ...(model === undefined ? {} : { modelId: model }),
      });
      return { removed, prompt: prompt ?? null, model: model ?? null };
    },
  );
}
