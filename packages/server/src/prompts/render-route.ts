import { renderRequestSchema, renderResponseSchema } from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PromptService } from "./prompt-service.js";
import { errorResponses, promptParamsSchema, secured } from "./route-schemas.js";

export function registerRenderRoute(app: FastifyInstance, service: PromptService): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/v1/prompts/:name/render",
    {
      config: { scope: "read" },
      schema: {
        tags: ["prompts"],
        summary: "Render a version (by label, default production, or number) with variables",
        description:
          "Validates the variables against the input schema (`strict` refuses undeclared ones), fills defaults, and answers `{text}` for a text prompt or `{messages}` for a chat prompt, with the version used and the variables after defaults.",
        security: secured,
        params: promptParamsSchema,
        body: renderRequestSchema,
        response: { 200: renderResponseSchema, ...errorResponses },
      },
    },
    async (request) => service.render(request.params.name, request.body),
  );
}
