import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";

const healthSchema = z.object({ status: z.literal("ok") });

export function registerHealthRoutes(app: FastifyInstance): void {
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
}
