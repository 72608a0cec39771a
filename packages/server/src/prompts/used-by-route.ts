import { componentInclusionSchema, pageSchema, usedByQuerySchema } from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PromptService } from "./prompt-service.js";
import { errorResponses, promptParamsSchema, secured } from "./route-schemas.js";

export function registerUsedByRoute(app: FastifyInstance, service: PromptService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/v1/prompts/:name/used-by",
    {
      schema: {
        tags: ["prompts"],
        summary: "List the prompts and versions that include this prompt as a component",
        description:
          "Every version whose template includes `{{> name}}`, `{{> name@label}}` or `{{> name:3}}`, by includer name and newest version first, with how it asks for the component (`requested`, `label`, `componentVersion`) and the version that selects now (`resolvesTo`). `versions=current` (default) lists only includers' latest and labeled versions; `versions=all` every version.",
        security: secured,
        params: promptParamsSchema,
        querystring: usedByQuerySchema,
        response: { 200: pageSchema(componentInclusionSchema), ...errorResponses },
      },
    },
    async (request) => service.usedBy(request.params.name, request.query),
  );
}
