import {
  apiKeyIdParametersSchema,
  apiKeySchema,
  createdApiKeyResponseSchema,
  createPersonalKeyRequestSchema,
  QuireError,
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
 * `POST /v1/me/keys` and `DELETE /v1/me/keys/:id`: a member's personal API key (what `quire
 * login` makes), for any role. The key has the member's role in the session's project at the time
 * it is made; it is revoked by itself (`quire logout`), by the member's session, or by an admin.
 */
export function registerPersonalKeyRoutes(
  app: FastifyInstance,
  access: AccessStore,
  authenticator: Authenticator,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/me/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "Create a personal API key with the signed-in member's role; shown this once",
        description:
          "Only for a signed-in member (session cookie and X-CSRF-Token): an API key cannot make keys here (an admin key uses POST /v1/keys). The key's role is the member's role in the session's project now; later role changes do not follow it. Audited as `key.create`.",
        security: secured,
        body: createPersonalKeyRequestSchema,
        response: { 201: createdApiKeyResponseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const caller = requestPrincipal(request);
      if (caller.kind !== "user") {
        throw new QuireError(
          "FORBIDDEN",
          `A personal key is made by a signed-in member (POST /v1/auth/login, then this route with the session cookie); the API key "${caller.name}" cannot make one. An admin key makes keys with POST /v1/keys.`,
          { details: { reason: "session-required" } },
        );
      }
      const { name, expiresAt } = request.body;
      const created = await issueApiKey(access, caller, { name, role: caller.role, expiresAt });
      reply.code(201);
      return created;
    },
  );

  routes.delete(
    "/v1/me/keys/:id",
    {
      schema: {
        tags: ["keys"],
        summary: "Revoke a personal key: the key itself, or one the signed-in member made",
        description:
          "An API key may revoke itself (`quire logout`); a signed-in member may revoke the keys they made. Any other id is not found (404). Takes effect on every server at once; audited as `key.revoke`.",
        security: secured,
        params: apiKeyIdParametersSchema,
        response: { 200: apiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = requestPrincipal(request);
      const { id } = request.params;
      const allowed =
        caller.kind === "key"
          ? caller.id === id
          : (await access.listKeys(caller.projectId)).some(
              (key) => key.id === id && key.createdBy === caller.name,
            );
      if (!allowed) {
        throw new QuireError(
          "NOT_FOUND",
          `You have no personal key ${JSON.stringify(id)} in project "${caller.projectId}": a key revokes itself, a member the keys they made; an admin revokes any with DELETE /v1/keys/:id.`,
          { details: { apiKey: id, project: caller.projectId } },
        );
      }
      const record = await access.revokeKey(caller.projectId, id, actorName(caller));
      authenticator.clear();
      return record;
    },
  );
}
