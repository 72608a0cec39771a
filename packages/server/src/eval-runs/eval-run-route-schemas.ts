import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { requestPrincipal } from "../auth/authentication-hook.js";

export const runParamsSchema = z.object({
  id: z.string().min(1).max(200).describe("The eval run's id"),
});

export const tags = ["eval runs"];

/** The project whose runs a request works on. */
export function projectOf(request: FastifyRequest): string {
  return requestPrincipal(request).projectId;
}
