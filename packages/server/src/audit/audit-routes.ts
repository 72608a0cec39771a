import { auditPageSchema, auditQuerySchema } from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { errorResponses, secured } from "../prompts/route-schemas.js";

const description =
  "Every write to prompts, versions, labels, keys and the cache, newest first: who (`key:<name>` or `user:<email>`), what (`prompt.create`, `version.create`, `label.move`, `key.create`, `key.revoke`, `cache.invalidate`), the target, and the state before and after. Filter by action, actor, target prefix and time; page with `cursor`. The log is read-only: no route changes or deletes an entry.";

/** `GET /v1/audit`: the caller's project's audit log, for admins. */
export function registerAuditRoutes(app: FastifyInstance, access: AccessStore): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The audit log of the caller's project: who wrote what, when, before and after",
        description,
        security: secured,
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      return access.listAudit(requestPrincipal(request).projectId, request.query);
    },
  );
}
