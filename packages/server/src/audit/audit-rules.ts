import type { CreateVersionResponse, InvalidateCacheResponse, LabelMove } from "@quire/core";
import { evaluationAuditRules } from "../eval-runs/evaluation-audit-rules.js";
import type { AuditedWrite, AuditRule } from "./audit-rule.js";

export type { AuditContext, AuditDescription, AuditedWrite, AuditRule } from "./audit-rule.js";

const versionCreate = (action: string): AuditedWrite => ({
  action,
  describe: ({ response }) => {
    const { prompt, version, created } = response as CreateVersionResponse;
    return {
      target: prompt.name,
      before:
        action === "prompt.create"
          ? null
          : { latestVersion: created ? version.number - 1 : version.number },
      after: {
        latestVersion: prompt.latestVersion,
        version: version.number,
        contentHash: version.contentHash,
        labels: version.labels,
        created,
      },
    };
  },
});

const dataPlane =
  "data, not configuration: each is recorded in the execution log, which is its own audit trail";

export const auditRules: Readonly<Record<string, AuditRule>> = {
  "POST /v1/prompts": versionCreate("prompt.create"),
  "POST /v1/prompts/:name/versions": versionCreate("version.create"),
  "PUT /v1/prompts/:name/labels/:label": {
    action: "label.move",
    describe: ({ response }) => {
      const move = response as LabelMove;
      return {
        target: `${move.prompt}@${move.label}`,
        before: { version: move.fromVersion },
        after: { version: move.toVersion, reason: move.reason },
      };
    },
  },
  "DELETE /v1/cache": {
    action: "cache.invalidate",
    describe: ({ response }) => {
      const answer = response as InvalidateCacheResponse;
      return {
        target: `cache:${answer.prompt ?? "*"}/${answer.model ?? "*"}`,
        before: null,
        after: answer,
      };
    },
  },
  "POST /v1/keys": "in-store",
  "PUT /v1/members": "in-store",
  "PUT /v1/settings": "in-store",
  "POST /v1/change-requests/:id/approve": "in-store",
  "POST /v1/change-requests/:id/reject": "in-store",
  "POST /v1/auth/login": { notAudited: "a sign-in changes no configuration; failures are logged" },
  // Written by the route itself before it answers (the caller has no principal yet).
  "POST /v1/auth/local-session": "in-store",
  "OPTIONS /v1/*": { notAudited: "a CORS preflight changes nothing" },
  "POST /v1/auth/logout": { notAudited: "a sign-out changes no configuration" },
  "DELETE /v1/keys/:id": "in-store",
  "POST /v1/me/keys": "in-store",
  "DELETE /v1/me/keys/:id": "in-store",
  "POST /v1/projects": "in-store",
  "POST /v1/prompts/:name/render": { notAudited: "a read: renders, stores nothing" },
  "POST /v1/security/scan": { notAudited: "a read: scans the text sent, stores nothing" },
  "POST /v1/prompts/:name/run": { notAudited: dataPlane },
  "POST /v1/executions": { notAudited: dataPlane },
  "POST /v1/executions/:id/feedback": { notAudited: dataPlane },
  ...evaluationAuditRules,
};

export function auditRuleOf(method: string, url: string): AuditRule | undefined {
  return auditRules[`${method} ${url}`];
}
