import {
  type ProjectSettings,
  projectSettingsSchema,
  QuireError,
  updateProjectSettingsRequestSchema,
} from "@quire/core";
import type { AccessStore, ProjectRecord } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { actorName } from "../auth/principal.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";

function settingsOf(project: ProjectRecord): ProjectSettings {
  return {
    projectId: project.id,
    name: project.name,
    protectedLabels: project.protectedLabels,
    twoPersonRule: project.twoPersonRule,
    allowJavaScriptAssertions: project.allowJavaScriptAssertions,
  };
}

/** `GET /v1/settings` (any member) and `PUT /v1/settings` (admin): the caller's project. */
export function registerSettingsRoutes(
  app: FastifyInstance,
  access: AccessStore,
  /** Called after a change, so this server applies it at once (others on the store's event). */
  changed: () => void,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/settings",
    {
      schema: {
        tags: ["settings"],
        summary: "The caller's project's settings: name and protected labels",
        security: secured,
        response: { 200: projectSettingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const projectId = requestPrincipal(request).projectId;
      const project = await access.getProject(projectId);
      if (project === undefined) {
        throw new QuireError("NOT_FOUND", `Project "${projectId}" does not exist.`, {
          details: { project: projectId },
        });
      }
      return settingsOf(project);
    },
  );

  routes.put(
    "/v1/settings",
    {
      schema: {
        tags: ["settings"],
        summary: "Change the project's settings (admin); audited",
        description:
          "`protectedLabels` replaces the list: moving one of these labels needs the publisher role. `allowJavaScriptAssertions` lets the server's eval runs run `javascript` assertions (user code, sandboxed, time-limited). Takes effect on every server at once.",
        security: secured,
        body: updateProjectSettingsRequestSchema,
        response: { 200: projectSettingsSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
      const principal = requestPrincipal(request);
      const updated = await access.updateProject(
        principal.projectId,
        request.body,
        actorName(principal),
      );
      changed();
      return settingsOf(updated);
    },
  );
}
