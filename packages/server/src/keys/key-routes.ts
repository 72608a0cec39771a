import {
  apiKeyIdParametersSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeyResponseSchema,
  listApiKeysResponseSchema,
  roleOfScope,
} from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import type { Authenticator } from "../auth/authenticator.js";
import { actorName } from "../auth/principal.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";
import { issueApiKey } from "./issue-api-key.js";

/**
 * `POST /v1/keys` (the secret is in the answer, once), `GET /v1/keys`, `DELETE /v1/keys/:id`:
 * the caller's project's keys, for admins. Revoking takes effect on every server at once.
 */
export function registerKeyRoutes(
  app: FastifyInstance,
  access: AccessStore,
  authenticator: Authenticator,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "Create an API key in the caller's project; the secret is shown this once",
        description:
          "The key is `quire_` and 32 random bytes; only its SHA-256 is stored (a key this random cannot be guessed from a fast hash, and a fast hash keeps every request's lookup cheap). `role` (viewer, editor, publisher, admin) or `scope` (read = viewer, write = editor, admin = admin); default viewer. A key never has more than its creator's role.",
        security: secured,
        body: createApiKeyRequestSchema,
        response: { 201: createdApiKeyResponseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const caller = requestPrincipal(request);
      const { name, role, scope, expiresAt } = request.body;
      const wanted = role ?? (scope === undefined ? "viewer" : roleOfScope(scope));
      const created = await issueApiKey(access, caller, { name, role: wanted, expiresAt });
      reply.code(201);
      return created;
    },
  );

  routes.get(
    "/v1/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "List the caller's project's API keys by prefix, with last use",
        security: secured,
        response: { 200: listApiKeysResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await access.listKeys(requestPrincipal(request).projectId) }),
  );

  routes.delete(
    "/v1/keys/:id",
    {
      schema: {
        tags: ["keys"],
        summary: "Revoke an API key; it stops working on every server at once",
        description:
          "Revoking is immediate on every server sharing the database (a notification clears each server's key cache). Revoking a revoked key keeps its first revocation time. A key of another project is not found (404).",
        security: secured,
        params: apiKeyIdParametersSchema,
        response: { 200: apiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = requestPrincipal(request);
      const record = await access.revokeKey(caller.projectId, request.params.id, actorName(caller));
      authenticator.clear();
      return record;
    },
  );
}
