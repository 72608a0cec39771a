import {
  createEvalRunRequestSchema,
  evalRunSchema,
  listEvalRunsQuerySchema,
  pageSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { actorName } from "../auth/principal.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";
import { projectOf, runParamsSchema, tags } from "./eval-run-route-schemas.js";
import type { EvalRunService } from "./eval-run-service.js";

/** `/v1/eval-runs`: start (202, queued), list, read, cancel. */
export function registerEvalRunRoutes(app: FastifyInstance, service: EvalRunService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/eval-runs",
    {
      schema: {
        tags,
        summary: "Start an eval run: prompts × models × the dataset's cases (202, queued)",
        description:
          "Checks the plan (every prompt reference, model and assertion must exist; 422 otherwise, storing nothing), pins each prompt's version and copies the dataset's cases, then queues the run and answers 202 with it. A server's job worker runs it; follow it with GET /v1/eval-runs/{id} or the server-sent events of /v1/eval-runs/{id}/events.",
        security: secured,
        body: createEvalRunRequestSchema,
        response: { 202: evalRunSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const run = await service.create(
        projectOf(request),
        request.body,
        actorName(requestPrincipal(request)),
      );
      return reply.status(202).header("location", `/v1/eval-runs/${run.id}`).send(run);
    },
  );

  routes.get(
    "/v1/eval-runs",
    {
      schema: {
        tags,
        summary: "List eval runs, newest first",
        security: secured,
        querystring: listEvalRunsQuerySchema,
        response: { 200: pageSchema(evalRunSchema), ...errorResponses },
      },
    },
    async (request) => service.list(projectOf(request), request.query),
  );

  routes.get(
    "/v1/eval-runs/:id",
    {
      schema: {
        tags,
        summary: "Get an eval run: status, progress counts, summaries once finished",
        security: secured,
        params: runParamsSchema,
        response: { 200: evalRunSchema, ...errorResponses },
      },
    },
    async (request) => service.get(projectOf(request), request.params.id),
  );

  routes.post(
    "/v1/eval-runs/:id/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a queued or running eval run (finished cells are kept)",
        security: secured,
        params: runParamsSchema,
        response: { 200: evalRunSchema, ...writeErrorResponses },
      },
    },
    async (request) => service.cancel(projectOf(request), request.params.id),
  );
}
