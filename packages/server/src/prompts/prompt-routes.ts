import {
  createPromptRequestSchema,
  createVersionResponseSchema,
  getPromptQuerySchema,
  getPromptResponseSchema,
  listPromptsQuerySchema,
  pageSchema,
  promptSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/authentication-hook.js";
import type { PromptService } from "./prompt-service.js";
import {
  errorResponses,
  promptParamsSchema,
  secured,
  writeErrorResponses,
} from "./route-schemas.js";

export function registerPromptRoutes(app: FastifyInstance, service: PromptService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/prompts",
    {
      schema: {
        tags: ["prompts"],
        summary: "Create a prompt with its version 1",
        security: secured,
        body: createPromptRequestSchema,
        response: { 201: createVersionResponseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const created = await service.createPrompt(request.body, actorOf(request));
      return reply.status(201).send(created);
    },
  );

  routes.get(
    "/v1/prompts",
    {
      schema: {
        tags: ["prompts"],
        summary: "List and search prompts (by text, folder prefix, tag), paginated",
        security: secured,
        querystring: listPromptsQuerySchema,
        response: { 200: pageSchema(promptSchema), ...errorResponses },
      },
    },
    async (request) => service.listPrompts(request.query),
  );

  routes.get(
    "/v1/prompts/:name",
    {
      schema: {
        tags: ["prompts"],
        summary: "Get a prompt at a label (default production, else latest) or a version",
        description:
          "`?label=` picks a label (`latest` = newest version); `?version=` a number. With neither, the `production` label is used, falling back to the newest version when the prompt has no production label (`resolvedBy: latest-fallback`).",
        security: secured,
        params: promptParamsSchema,
        querystring: getPromptQuerySchema,
        response: { 200: getPromptResponseSchema, ...errorResponses },
      },
    },
    async (request) => service.getPrompt(request.params.name, request.query),
  );
}
