import { datasetNameSchema } from "@quire/core";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { requestPrincipal } from "../auth/authentication-hook.js";

/** The name arrives percent-encoded in one path segment (`support%2Fsmoke`). */
export const datasetParamsSchema = z.object({
  name: datasetNameSchema.describe('Dataset name, percent-encoded: "support%2Fsmoke"'),
});

export const caseParamsSchema = datasetParamsSchema.extend({
  caseId: z.string().min(1).max(200).describe("The case's id, percent-encoded"),
});

/** The project whose datasets and runs a request works on. */
export function projectOf(request: FastifyRequest): string {
  return requestPrincipal(request).projectId;
}
