import { auditPageSchema, auditQuerySchema } from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";

const description =
  "Every write to prompts, versions, labels, keys and the cache, newest first: who (`key:<name>`), what (`prompt.create`, `version.create`, `label.move`, `key.create`, `key.revoke`, `cache.invalidate`), the target, and the state before and after. Filter by action, actor, target prefix and time; page with `cursor`. The log is read-only: no route changes or deletes an entry.";

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
      if (request.apiKey === null) throw new Error("the audit route needs an authenticated key");
      return access.listAudit(request.apiKey.projectId, request.query);
    },
  );
}
