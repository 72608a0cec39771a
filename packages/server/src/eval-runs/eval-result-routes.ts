import {
  compareEvalRunsQuerySchema,
  evalResultSchema,
  evalRunComparisonSchema,
  pageSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, pageQuerySchema, secured } from "../prompts/route-schemas.js";
import { projectOf, runParamsSchema, tags } from "./eval-run-route-schemas.js";
import type { EvalRunService } from "./eval-run-service.js";

/** An eval run's results, and the comparison of two runs. */
export function registerEvalResultRoutes(app: FastifyInstance, service: EvalRunService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/eval-runs/:id/results",
    {
      schema: {
        tags,
        summary: "An eval run's cell results, in the order they finished",
        security: secured,
        params: runParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(evalResultSchema), ...errorResponses },
      },
    },
    async (request) => service.results(projectOf(request), request.params.id, request.query),
  );

  routes.get(
    "/v1/eval-runs/compare",
    {
      schema: {
        tags,
        summary: "Compare two eval runs: cases that regressed or improved, and significance",
        description:
          "Pairs the cells of the two runs on case (and model, or prompt, per `pairBy`) and tests the difference in pass rate with McNemar's exact test and in score with the Wilcoxon signed-rank test.",
        security: secured,
        querystring: compareEvalRunsQuerySchema,
        response: { 200: evalRunComparisonSchema, ...errorResponses },
      },
    },
    async (request) => service.compare(projectOf(request), request.query),
  );
}
