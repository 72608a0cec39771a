import { changeRequestSchema, QuireError, versionDiffSchema } from "@quire/core";
import type { AccessStore, PromptStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { actorName } from "../auth/principal.js";
import type { ProtectedLabels } from "../auth/protected-labels.js";
import type { PromptService } from "../prompts/prompt-service.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";

const idParameters = z.object({ id: z.string().min(1).max(30) });
const withDiff = changeRequestSchema.extend({
  diff: versionDiffSchema.nullable().describe("From the label's version to the requested one"),
});

/**
 * The two-person rule: with `twoPersonRule` on, `PUT …/labels/{protected}` answers 202 with a
 * change request instead of moving; another publisher approves it (its author may not), and the
 * approval moves the label. A protected label in a new version's `labels` is refused (409).
 */
export function registerChangeRequests(
  app: FastifyInstance,
  dependencies: {
    access: AccessStore;
    store: PromptStore;
    prompts: PromptService;
    protectedLabels: ProtectedLabels;
  },
): void {
  const { access, store, prompts, protectedLabels } = dependencies;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  app.addHook("preHandler", async (request, reply) => {
    const route = request.routeOptions.url;
    const principal = request.principal;
    if (principal === null || route === undefined) return;
    const moving = route === "/v1/prompts/:name/labels/:label" && request.method === "PUT";
    const creating =
      request.method === "POST" &&
      (route === "/v1/prompts" || route === "/v1/prompts/:name/versions");
    if (!moving && !creating) return;
    const project = await access.getProject(principal.projectId);
    if (project?.twoPersonRule !== true) return;
    const guarded = await protectedLabels.of(principal.projectId);
    if (creating) {
      const labels = (request.body as { labels?: unknown } | undefined)?.labels;
      const named = Array.isArray(labels) ? labels.find((label) => guarded.has(label)) : undefined;
      if (named !== undefined) {
        throw new QuireError(
          "CONFLICT",
          `Project "${project.id}" has the two-person rule: "${named}" moves only through an approved change request. Create the version without it, then PUT its label.`,
          { details: { label: named } },
        );
      }
      return;
    }
    const { name, label } = request.params as { name: string; label: string };
    if (!guarded.has(label)) return;
    const body = request.body as { version: number; reason?: string };
    const prompt = await store.getPrompt(name);
    if (prompt === undefined || body.version > prompt.latestVersion) {
      throw new QuireError(
        "NOT_FOUND",
        `Prompt "${name}" has no version ${body.version}: nothing to request.`,
        {
          details: { prompt: name, version: body.version },
        },
      );
    }
    const changeRequest = await access.createChangeRequest({
      projectId: principal.projectId,
      prompt: name,
      label,
      fromVersion: prompt.labels[label] ?? null,
      toVersion: body.version,
      reason: body.reason ?? "",
      author: actorName(principal),
    });
    reply.code(202).send(changeRequest);
    return reply;
  });

  routes.get(
    "/v1/change-requests",
    {
      schema: {
        tags: ["change-requests"],
        summary: "Change requests of the caller's project, newest first",
        security: secured,
        querystring: z.object({ status: z.enum(["open", "approved", "rejected"]).optional() }),
        response: { 200: z.object({ items: z.array(changeRequestSchema) }), ...errorResponses },
      },
    },
    async (request) => ({
      items: await access.listChangeRequests(
        requestPrincipal(request).projectId,
        request.query.status,
      ),
    }),
  );

  routes.get(
    "/v1/change-requests/:id",
    {
      schema: {
        tags: ["change-requests"],
        summary: "A change request with the diff it would deploy",
        security: secured,
        params: idParameters,
        response: { 200: withDiff, ...errorResponses },
      },
    },
    async (request) => {
      const found = await access.getChangeRequest(
        requestPrincipal(request).projectId,
        request.params.id,
      );
      const diff =
        found.fromVersion === null
          ? null
          : await prompts.diff(found.prompt, found.fromVersion, found.toVersion);
      return { ...found, diff };
    },
  );

  routes.post(
    "/v1/change-requests/:id/approve",
    {
      schema: {
        tags: ["change-requests"],
        summary: "Approve a change request (another publisher than its author): moves the label",
        security: secured,
        params: idParameters,
        response: { 200: changeRequestSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
      const principal = requestPrincipal(request);
      const found = await access.getChangeRequest(principal.projectId, request.params.id);
      if (found.author === actorName(principal)) {
        throw new QuireError(
          "FORBIDDEN",
          `Change request ${found.id} was made by ${found.author}: another publisher must approve it.`,
          { details: { reason: "self-approval", author: found.author } },
        );
      }
      const decided = await access.decideChangeRequest(
        principal.projectId,
        found.id,
        "approved",
        actorName(principal),
      );
      try {
        const move = await prompts.moveLabel(
          found.prompt,
          found.label,
          {
            version: found.toVersion,
            reason:
              `${found.reason} (change request ${found.id} by ${found.author}, approved by ${actorName(principal)})`.trim(),
          },
          principal.name,
        );
        await access.appendAudit({
          projectId: principal.projectId,
          actor: actorName(principal),
          action: "label.move",
          target: `${move.prompt}@${move.label}`,
          before: { version: move.fromVersion },
          after: { version: move.toVersion, reason: move.reason },
        });
      } catch (error) {
        await access.reopenChangeRequest(principal.projectId, found.id);
        throw error;
      }
      return decided;
    },
  );

  routes.post(
    "/v1/change-requests/:id/reject",
    {
      schema: {
        tags: ["change-requests"],
        summary: "Reject a change request (any publisher, its author included)",
        security: secured,
        params: idParameters,
        response: { 200: changeRequestSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
      const principal = requestPrincipal(request);
      return access.decideChangeRequest(
        principal.projectId,
        request.params.id,
        "rejected",
        actorName(principal),
      );
    },
  );
}
