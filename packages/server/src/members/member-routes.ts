import {
  listMembersResponseSchema,
  memberSchema,
  QuireError,
  setMemberRequestSchema,
} from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import type { Authenticator } from "../auth/authenticator.js";
import type { LocalAdmin } from "../auth/local-admin.js";
import { hashPassword } from "../auth/passwords.js";
import { actorName } from "../auth/principal.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";

/** `GET /v1/members`, `PUT /v1/members`: the users of the caller's project and their roles. */
export function registerMemberRoutes(
  app: FastifyInstance,
  access: AccessStore,
  authenticator: Authenticator,
  localAdmin: LocalAdmin,
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/members",
    {
      schema: {
        tags: ["members"],
        summary: "The members of the caller's project and their roles",
        security: secured,
        response: { 200: listMembersResponseSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await access.listMembers(requestPrincipal(request).projectId) }),
  );

  routes.put(
    "/v1/members",
    {
      schema: {
        tags: ["members"],
        summary: "Add a member to the caller's project, or change a member's role",
        description:
          "A user that does not exist yet is created with `password` (at least 12 characters; stored as scrypt with a per-user salt). Audited as `member.set`.",
        security: secured,
        body: setMemberRequestSchema,
        response: { 200: memberSchema, ...writeErrorResponses },
      },
    },
    async (request) => {
      const principal = requestPrincipal(request);
      const { email, role, name, password } = request.body;
      let user = (await access.findUserByEmail(email))?.user;
      if (user === undefined) {
        if (password === undefined) {
          throw new QuireError(
            "VALIDATION_FAILED",
            `There is no user ${email} yet: give a password (at least 12 characters) to create one.`,
            { details: { field: "password" } },
          );
        }
        user = await access.createUser({
          email,
          name: name ?? "",
          passwordHash: await hashPassword(password),
        });
      }
      const member = await access.setMember(
        principal.projectId,
        user.id,
        role,
        actorName(principal),
      );
      // Here at once; other servers drop their cached sessions on the store's event.
      authenticator.clear();
      // The local admin session ends now that someone can sign in, not a second later.
      localAdmin.membersChanged();
      return member;
    },
  );
}
