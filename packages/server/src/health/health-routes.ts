import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

const healthSchema = z.object({ status: z.literal("ok") });

export function registerHealthRoutes(
  app: FastifyInstance,
  options: { redirectRoot?: boolean } = {},
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/healthz",
    {
      schema: {
        tags: ["system"],
        summary: "Liveness check",
        response: { 200: healthSchema },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  // Without the web UI (buildApp with no webDirectory), send a person who opens the server's
  // address to the docs.
  if (options.redirectRoot === false) return;
  app.withTypeProvider<ZodTypeProvider>().get(
    "/",
    {
      schema: {
        tags: ["system"],
        summary: "Redirects to the API documentation",
        response: { 302: z.null().describe("Redirect to /docs") },
      },
    },
    async (_request, reply) => reply.redirect("/docs", 302),
  );
}
