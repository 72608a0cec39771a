import {
  createdProjectResponseSchema,
  createProjectRequestSchema,
  listProjectsResponseSchema,
  type ProjectSummary,
} from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { displayPrefix, generateApiKey, hashApiKey } from "../auth/api-key.js";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { actorName } from "../auth/principal.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";

/**
 * `POST /v1/projects` and `GET /v1/projects`. Who may create a project: an admin of any project
 * (the first start's admin key is one, of `default`). The creator gets the new project's first
 * admin key, once; a signed-in user also becomes its admin member. A key sees its own project; a
 * user, every project they are a member of.
 */
export function registerProjectRoutes(app: FastifyInstance, access: AccessStore): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/projects",
    {
      schema: {
        tags: ["projects"],
        summary: "Create a project (admins of any project); answers its first admin key, once",
        description:
          "`id` is a slug (1–63 lowercase letters, digits, `-` and `_`); a taken id answers 409. The answer holds the new project's first admin key (`adminKey.key`, shown this once). A signed-in user becomes the project's admin member. Audited as `project.create` in the new project and in the creator's.",
        security: secured,
        body: createProjectRequestSchema,
        response: { 201: createdProjectResponseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const caller = requestPrincipal(request);
      const key = generateApiKey();
      // The local admin session is a "user" with no account: it gets the key only.
      const member =
        caller.kind === "user" &&
        (await access.memberRole(caller.projectId, caller.id)) !== undefined;
      const { project, adminKey } = await access.createProjectWithAdmin(
        {
          id: request.body.id,
          name: request.body.name,
          adminKey: {
            name: "admin",
            prefix: displayPrefix(key),
            hash: hashApiKey(key),
            createdBy: caller.name,
          },
          ...(member ? { adminUserId: caller.id } : {}),
          creatorProjectId: caller.projectId,
        },
        actorName(caller),
      );
      reply.code(201);
      return {
        project: {
          id: project.id,
          name: project.name,
          role: "admin" as const,
          createdAt: project.createdAt,
        },
        adminKey: { ...adminKey, key },
      };
    },
  );

  routes.get(
    "/v1/projects",
    {
      schema: {
        tags: ["projects"],
        summary: "The projects the caller can see, with the caller's role in each",
        description:
          "An API key sees its own project; a signed-in user sees every project they are a member of (sign in to another with `project` in POST /v1/auth/login).",
        security: secured,
        response: { 200: listProjectsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = requestPrincipal(request);
      const items: ProjectSummary[] = [];
      if (caller.kind === "user") {
        for (const { project, role } of await access.listUserProjects(caller.id)) {
          items.push({ id: project.id, name: project.name, role, createdAt: project.createdAt });
        }
      }
      if (!items.some((item) => item.id === caller.projectId)) {
        const own = await access.getProject(caller.projectId);
        if (own !== undefined) {
          items.push({ id: own.id, name: own.name, role: caller.role, createdAt: own.createdAt });
        }
      }
      items.sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0));
      return { items };
    },
  );
}
