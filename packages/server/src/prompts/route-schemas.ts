import { errorResponseSchema, labelNameSchema, promptNameSchema } from "@quire/core";
import { z } from "zod";

/** The name arrives percent-encoded in one path segment (`support%2Ftriage`). */
export const promptParamsSchema = z.object({
  name: promptNameSchema.describe('Prompt name, percent-encoded: "support%2Ftriage"'),
});

export const labelParamsSchema = promptParamsSchema.extend({ label: labelNameSchema });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** The error responses every /v1 route may give, for the OpenAPI document. */
export const errorResponses = {
  400: errorResponseSchema.describe("Malformed request (bad JSON, missing body)"),
  401: errorResponseSchema.describe("Missing, malformed, unknown or revoked API key"),
  403: errorResponseSchema.describe("The API key's role or project does not allow this"),
  404: errorResponseSchema.describe("Unknown prompt, version or label"),
  413: errorResponseSchema.describe("Body or template too large"),
  422: errorResponseSchema.describe("Invalid request, template syntax, schema or variables"),
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: errorResponseSchema.describe("Conflict, e.g. the prompt already exists"),
} as const;

/** Every /v1 route but sign-in: an API key, or a signed-in user's session cookie. */
export const secured: { [scheme: string]: string[] }[] = [
  { bearerAuth: [] },
  { sessionCookie: [] },
];
