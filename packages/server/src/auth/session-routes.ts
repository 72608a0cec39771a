import { createHash, randomBytes } from "node:crypto";
import {
  errorResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  logoutResponseSchema,
  meResponseSchema,
  QuireError,
} from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";
import { requestPrincipal } from "./authentication-hook.js";
import type { Authenticator } from "./authenticator.js";
import type { LoginThrottle } from "./login-throttle.js";
import { unknownUserHash, verifyPassword } from "./passwords.js";
import { sessionCookie, sessionTokenOf } from "./session-cookie.js";

export interface SessionOptions {
  /** How long a session lasts (default 12 hours). */
  lifetimeMilliseconds?: number;
}

const wrongCredentials = "Wrong email or password.";

/** `POST /v1/auth/login`, `POST /v1/auth/logout`, `GET /v1/me`: sessions for the web UI. */
export function registerSessionRoutes(
  app: FastifyInstance,
  access: AccessStore,
  authenticator: Authenticator,
  throttle: LoginThrottle,
  options: SessionOptions = {},
): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const lifetime = options.lifetimeMilliseconds ?? 12 * 3_600_000;

  routes.post(
    "/v1/auth/login",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password: sets the session cookie, answers the CSRF token",
        description:
          "Sets `quire_session` (httpOnly, SameSite=Strict, Secure over HTTPS). Writes made with the cookie need the `X-CSRF-Token` header holding `csrfToken`. Failed logins are throttled per email (5) and per client address (20) in 15 minutes: then 429 with Retry-After, even for the right password.",
        body: loginRequestSchema,
        response: {
          200: loginResponseSchema,
          401: errorResponseSchema.describe("Wrong email or password"),
          403: errorResponseSchema.describe("Not a member of the project"),
          422: errorResponseSchema.describe("Invalid request"),
          429: errorResponseSchema.describe("Too many failed logins"),
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const projectId = request.body.project ?? "default";
      try {
        await throttle.check(email, request.ip);
      } catch (error) {
        const details = (error as QuireError).details as { retryAfterSeconds?: number };
        reply.header("retry-after", String(details.retryAfterSeconds ?? 60));
        throw error;
      }
      const found = await access.findUserByEmail(email);
      // Verified against a dummy hash when there is no such user, so both take as long.
      const matches = await verifyPassword(password, found?.passwordHash ?? unknownUserHash);
      if (found === undefined || !matches) {
        await throttle.failed(email, request.ip);
        request.log.info({ email, address: request.ip }, "failed login");
        throw new QuireError("UNAUTHORIZED", wrongCredentials, {
          details: { reason: "credentials" },
        });
      }
      await throttle.succeeded(email);
      const role = await access.memberRole(projectId, found.user.id);
      if (role === undefined) {
        throw new QuireError(
          "FORBIDDEN",
          `${found.user.email} is not a member of project "${projectId}": ask one of its admins to add you.`,
          { details: { project: projectId } },
        );
      }
      const token = randomBytes(32).toString("base64url");
      const csrfToken = randomBytes(24).toString("base64url");
      const expiresAt = new Date(Date.now() + lifetime);
      await access.createSession({
        hash: createHash("sha256").update(token).digest("hex"),
        userId: found.user.id,
        projectId,
        csrfToken,
        expiresAt,
      });
      reply.header(
        "set-cookie",
        sessionCookie(token, Math.floor(lifetime / 1000), request.protocol === "https"),
      );
      return {
        user: { id: found.user.id, email: found.user.email, name: found.user.name },
        projectId,
        role,
        csrfToken,
        expiresAt: expiresAt.toISOString(),
      };
    },
  );

  routes.post(
    "/v1/auth/logout",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign out: ends the session on every server and clears the cookie",
        security: secured,
        response: { 200: logoutResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = requestPrincipal(request);
      const token = sessionTokenOf(request.headers.cookie);
      if (principal.kind !== "user" || token === undefined) return { loggedOut: false };
      await access.deleteSession(createHash("sha256").update(token).digest("hex"));
      authenticator.clear();
      reply.header("set-cookie", sessionCookie("", 0, request.protocol === "https"));
      return { loggedOut: true };
    },
  );

  routes.get(
    "/v1/me",
    {
      schema: {
        tags: ["auth"],
        summary: "Who the request acts as: key or user, project, role (and the CSRF token)",
        security: secured,
        response: { 200: meResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const principal = requestPrincipal(request);
      return {
        kind: principal.kind,
        name: principal.name,
        projectId: principal.projectId,
        role: principal.role,
        csrfToken: principal.csrfToken,
      };
    },
  );
}
