import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import {
  errorResponseSchema,
  labelMoveSchema,
  promptSchema,
  renderedMessageSchema,
  versionDiffSchema,
  versionSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { z } from "zod";
import { csrfHeaderName, sessionCookieName } from "../auth/session-cookie.js";
import { idempotentRoutes } from "./idempotency-hook.js";

export const openApiPath = "/openapi.json";
export const docsPrefix = "/docs";

/** Shared schemas that the document lists once under components and references by name. */
const namedSchemas: Record<string, z.ZodType> = {
  Prompt: promptSchema,
  Version: versionSchema,
  LabelMove: labelMoveSchema,
  VersionDiff: versionDiffSchema,
  RenderedMessage: renderedMessageSchema,
  ErrorResponse: errorResponseSchema,
};

function nameSharedSchemas(): void {
  for (const [id, schema] of Object.entries(namedSchemas)) {
    if (!z.globalRegistry.has(schema)) z.globalRegistry.add(schema, { id });
  }
}

/**
 * The OpenAPI 3 document, generated from the zod schemas the routes validate with, served at
 * /openapi.json, and browsable docs at /docs. Call before registering routes.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  nameSharedSchemas();
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Quire API",
        description:
          "Prompt registry: prompts, immutable versions, labels, diffs and rendering. Prompt names hold slashes: send them percent-encoded in one path segment (support%2Ftriage).\n\n" +
          `Retried writes: send an \`Idempotency-Key\` header (1 to 255 visible ASCII characters, e.g. a UUID) and a retry with the same key and request gets the first answer again, with \`Idempotent-Replayed: true\`, instead of a second write; the same key with another request is 422, and while the first is still handled 409. Keys are kept 24 hours per caller. Routes: ${[...idempotentRoutes].join(", ")}.`,
        version,
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: "http", scheme: "bearer", description: "An API key: quire_…" },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: sessionCookieName,
            description: `A signed-in user's session (POST /v1/auth/login sets it; the web UI uses it). Writes with it also need the \`${csrfHeaderName}\` header with the session's CSRF token (from the login answer or GET /v1/auth/me).`,
          },
        },
      },
      tags: [
        { name: "prompts", description: "Prompts, versions, labels, diffs and rendering" },
        {
          name: "runs",
          description:
            "Running a version on a configured model: fallback, retries, response cache, cost, streaming",
        },
        { name: "system", description: "Health and API description" },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: docsPrefix });
  app.get(openApiPath, { schema: { hide: true } }, async () => app.swagger());
}
