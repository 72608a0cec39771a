import {
  changeRequestSchema,
  labelMoveSchema,
  moveLabelRequestSchema,
  pageSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { actorOf } from "../auth/authentication-hook.js";
import type { PromptService } from "./prompt-service.js";
import {
  errorResponses,
  labelParamsSchema,
  pageQuerySchema,
  promptParamsSchema,
  secured,
} from "./route-schemas.js";

export function registerLabelRoutes(app: FastifyInstance, service: PromptService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/prompts/:name/labels/history",
    {
      schema: {
        tags: ["prompts"],
        summary: "Label move history (deploys and rollbacks), newest first",
        security: secured,
        params: promptParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(labelMoveSchema), ...errorResponses },
      },
    },
    async (request) => service.labelHistory(request.params.name, request.query),
  );

  routes.put(
    "/v1/prompts/:name/labels/:label",
    {
      schema: {
        tags: ["prompts"],
        summary: "Point a label at a version (deploy or rollback); recorded in the history",
        security: secured,
        params: labelParamsSchema,
        body: moveLabelRequestSchema,
        response: {
          200: labelMoveSchema,
          202: changeRequestSchema.describe(
            "The project has the two-person rule and the label is protected: nothing moved; this change request awaits another publisher's approval (POST /v1/change-requests/{id}/approve)",
          ),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      service.moveLabel(request.params.name, request.params.label, request.body, actorOf(request)),
  );
}
