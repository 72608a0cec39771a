import { errorResponseSchema, meResponseSchema, QuireError } from "@quire/core";
import type { AccessStore } from "@quire/store";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { LocalAdmin } from "./local-admin.js";
import { localAdminName } from "./local-sessions.js";
import { isLoopbackAddress, isLoopbackHost } from "./loopback.js";
import { registryProject } from "./route-access.js";
import { sessionCookie } from "./session-cookie.js";

const howToSignIn =
  "Sign in with an account, or use an API key (on the server's machine the admin key is in <data directory>/admin.key).";

function refuse(reason: string, message: string): never {
  throw new QuireError("FORBIDDEN", `${message} ${howToSignIn}`, { details: { reason } });
}

/** Why the request may not have the local admin session, or nothing when it may. */
async function checkLocalRequest(request: FastifyRequest, local: LocalAdmin): Promise<void> {
  if (!local.enabled) {
    refuse(
      "local-mode-off",
      "The local admin session is off on this server (it is on for the embedded database; set QUIRE_LOCAL_SESSION=true to allow it with PostgreSQL).",
    );
  }
  // The socket's own peer, never X-Forwarded-For: a proxy on this machine would make every
  // visitor look local, so behind a proxy this refuses unless the proxy connects from loopback.
  const peer = request.socket.remoteAddress;
  if (!isLoopbackAddress(peer)) {
    refuse(
      "not-loopback",
      `The local admin session is only for a browser on the server's own machine; this request came from ${peer ?? "an unknown address"}.`,
    );
  }
  if (!isLoopbackHost(request.headers.host)) {
    refuse(
      "host-not-local",
      `The local admin session is only given to pages opened as localhost or 127.0.0.1, not as ${JSON.stringify(request.headers.host ?? "")}.`,
    );
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `${request.protocol}://${request.headers.host}`) {
    refuse(
      "cross-origin",
      `The local admin session is only given to Quire's own pages, not to a page from ${origin}.`,
    );
  }
  if (await local.accountsExist()) {
    refuse(
      "accounts-exist",
      `Project "${registryProject}" has members now, so the local admin session is off.`,
    );
  }
}

/**
 * `POST /v1/auth/local-session`: the local admin session for a newcomer's browser (see
 * LocalAdmin). Sets the session cookie and answers who it acts as, with the CSRF token. Audited.
 */
export function registerLocalSessionRoute(
  app: FastifyInstance,
  access: AccessStore,
  local: LocalAdmin,
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/v1/auth/local-session",
    {
      schema: {
        tags: ["auth"],
        summary:
          "The local admin session: for a browser on the server's machine, until accounts exist",
        description:
          "Sets `quire_session` for an admin session acting as `local-admin`, so a person who started `quire serve` and opened it on the same machine needs no key. Refused (403, `details.reason`) unless all hold: the server runs in local mode (default for the embedded database; `QUIRE_LOCAL_SESSION`), the TCP peer is a loopback address (X-Forwarded-For is ignored), the Host header is localhost/127.0.0.1/[::1], an Origin header if sent is the server's own, and project `default` has no member yet. The sessions end when the first member is added. Send `{}` as a JSON body.",
        body: z.object({}).strict(),
        response: {
          200: meResponseSchema,
          403: errorResponseSchema.describe(
            "Not offered: local mode off, another machine, a foreign Host or Origin, or accounts exist",
          ),
          422: errorResponseSchema.describe("Invalid request"),
        },
      },
    },
    async (request, reply) => {
      try {
        await checkLocalRequest(request, local);
      } catch (error) {
        const reason = (error as QuireError).details as { reason?: string } | undefined;
        request.log.warn(
          {
            address: request.socket.remoteAddress,
            host: request.headers.host,
            reason: reason?.reason,
          },
          "local admin session refused",
        );
        throw error;
      }
      const session = local.sessions.issue();
      await access.appendAudit({
        projectId: registryProject,
        actor: `user:${localAdminName}`,
        action: "session.local",
        target: `address:${request.socket.remoteAddress ?? "unknown"}`,
        before: null,
        after: { expiresAt: session.expiresAt.toISOString() },
      });
      const lifetimeSeconds = Math.floor((session.expiresAt.getTime() - Date.now()) / 1000);
      reply.header(
        "set-cookie",
        sessionCookie(session.token, lifetimeSeconds, request.protocol === "https"),
      );
      return {
        kind: "user" as const,
        name: localAdminName,
        projectId: registryProject,
        role: "admin" as const,
        csrfToken: session.csrfToken,
      };
    },
  );
}
