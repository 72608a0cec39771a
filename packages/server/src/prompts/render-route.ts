import {
  QuireError,
  type RenderQuery,
  type RenderRequest,
  renderQuerySchema,
  renderRequestSchema,
  renderResponseSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { PromptService } from "./prompt-service.js";
import { errorResponses, promptParamsSchema, secured } from "./route-schemas.js";

/** `format` and `model` may come in the query or the body; given in both, they must agree. */
function withQuery(body: RenderRequest, query: RenderQuery): RenderRequest {
  const merged = { ...body };
  for (const field of ["format", "model"] as const) {
    const fromQuery = query[field];
    if (fromQuery === undefined) continue;
    const fromBody = body[field];
    if (fromBody !== undefined && fromBody !== fromQuery) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${field} is given twice, as "${fromQuery}" in the query and "${fromBody}" in the body; give it once.`,
        { details: { issues: [{ location: "querystring", path: field, message: "given twice" }] } },
      );
    }
    Object.assign(merged, { [field]: fromQuery });
  }
  return merged;
}

export function registerRenderRoute(app: FastifyInstance, service: PromptService): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/v1/prompts/:name/render",
    {
      schema: {
        tags: ["prompts"],
        summary: "Render a version (by label, default production, or number) with variables",
        description:
          "Includes the version's components (`{{> name}}`, `{{> name@label}}`, `{{> name:3}}`) as they resolve now, validates the variables against the input schema (`strict` refuses undeclared ones), fills defaults, and answers `{text}` for a text prompt or `{messages}` for a chat prompt, with the version used, the variables after defaults and the `provenance` (every component version used). With `format` (query or body) it also answers the provider payload in `formatted`; with `model`, the token count in `tokens` (exact for OpenAI encodings, `estimate: true` otherwise). An unknown component, a cycle or too deep a chain of components is 422 naming it. With `guard` (else the version's `config.guard`) the untrusted variables are scanned, sanitized and wrapped and a system preamble goes first; `guard` in the answer reports the findings and the canary; a value refused by `detect.action: \"refuse\"` is 422 naming the variable.",
        security: secured,
        params: promptParamsSchema,
        querystring: renderQuerySchema,
        body: renderRequestSchema,
        response: { 200: renderResponseSchema, ...errorResponses },
      },
    },
    async (request) => service.render(request.params.name, withQuery(request.body, request.query)),
  );
}
