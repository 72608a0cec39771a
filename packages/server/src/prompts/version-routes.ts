import {
  createVersionRequestSchema,
  createVersionResponseSchema,
  diffQuerySchema,
  pageSchema,
  versionDiffSchema,
  versionSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/authentication-hook.js";
import type { PromptService } from "./prompt-service.js";
import {
  errorResponses,
  pageQuerySchema,
  promptParamsSchema,
  secured,
  writeErrorResponses,
} from "./route-schemas.js";

export function registerVersionRoutes(app: FastifyInstance, service: PromptService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/prompts/:name/versions",
    {
      schema: {
        tags: ["prompts"],
        summary: "Create the next version (omitted fields are inherited from the latest)",
        description:
          "201 with the new version; 200 with `created: false` and the latest version when the content equals the latest (labels, description and tags are still applied).",
        security: secured,
        params: promptParamsSchema,
        body: createVersionRequestSchema,
        response: {
          201: createVersionResponseSchema,
          200: createVersionResponseSchema,
          ...writeErrorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await service.createVersion(
        request.params.name,
        request.body,
        actorOf(request),
      );
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  routes.get(
    "/v1/prompts/:name/versions",
    {
      schema: {
        tags: ["prompts"],
        summary: "List a prompt's versions, newest first",
        security: secured,
        params: promptParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(versionSchema), ...errorResponses },
      },
    },
    async (request) => service.listVersions(request.params.name, request.query),
  );

  routes.get(
    "/v1/prompts/:name/diff",
    {
      schema: {
        tags: ["prompts"],
        summary: "Diff two versions: template lines and structured fields",
        security: secured,
        params: promptParamsSchema,
        querystring: diffQuerySchema,
        response: { 200: versionDiffSchema, ...errorResponses },
      },
    },
    async (request) => service.diff(request.params.name, request.query.from, request.query.to),
  );
}
