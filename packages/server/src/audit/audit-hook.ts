import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import { actorName } from "../auth/principal.js";
import { auditRuleOf } from "./audit-rules.js";

/**
 * Records each successful write whose rule says so, right after it (before the answer is sent),
 * from the answer: who (the key or user), what, target, before and after. The registry's writes commit
 * in the store's own transaction, which this layer cannot join, so the entry follows the commit;
 * if writing it fails the write stands, the failure is logged at error level and the answer is
 * sent (a 500 would invite a retry of a write that happened).
 */
export function registerAuditHook(app: FastifyInstance, access: AccessStore): void {
  app.addHook("onSend", async (request, reply, payload) => {
    const route = request.routeOptions.url;
    const principal = request.principal;
    if (route === undefined || principal === null || reply.statusCode >= 300) return payload;
    // A stored answer sent again for a retried Idempotency-Key: nothing was written now.
    if (request.idempotentReplay) return payload;
    // 202: accepted, not done (a change request, audited by the store when opened).
    if (reply.statusCode === 202) return payload;
    const rule = auditRuleOf(request.method, route);
    if (rule === undefined || typeof rule !== "object" || !("action" in rule)) return payload;
    try {
      const response: unknown = typeof payload === "string" ? JSON.parse(payload) : undefined;
      const description = rule.describe({
        params: (request.params ?? {}) as Record<string, string>,
        response,
      });
      await access.appendAudit({
        projectId: principal.projectId,
        actor: actorName(principal),
        action: rule.action,
        ...description,
      });
    } catch (error) {
      request.log.error({ err: error, route, action: rule.action }, "audit entry not written");
    }
    return payload;
  });
}
