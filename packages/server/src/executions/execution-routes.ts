import {
  errorResponseSchema,
  executionFeedbackRequestSchema,
  executionFeedbackSchema,
  executionSchema,
  executionWithFeedbackSchema,
  ingestExecutionsRequestSchema,
  ingestExecutionsResponseSchema,
  listExecutionsQuerySchema,
  maximumExecutionBatchSize,
  pageSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/authentication-hook.js";
import { zodValidatorCompiler } from "../http/zod-validator-compiler.js";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";
import type { ExecutionService } from "./execution-service.js";

/**
 * What `POST /v1/executions` checks before looking at records: an object with an `executions`
 * array. Each record is then validated on its own (so one bad record does not refuse the
 * batch), which the documented body schema cannot express.
 */
const batchEnvelopeSchema = z.object({ executions: z.array(z.unknown()) });

const executionParamsSchema = z.object({
  id: z.string().min(1).max(200).describe("The execution's id"),
});

const ingestDescription = `Stores up to ${maximumExecutionBatchSize} execution records from an application that calls models itself. Each record is validated on its own: invalid ones are reported in \`rejected\` by their index in \`executions\`, with the reason, and the others are stored. A record whose \`clientId\` is already stored (a retry) is not stored again and is listed in \`duplicates\` with the stored execution's id; so is a record repeating a clientId earlier in the same batch.

A record may carry the \`variables\` the prompt was rendered with and the \`output\` text it answered: each is kept up to 64 KB (longer output is cut, long string values of the variables are shortened, and the execution's \`contentTruncated\` says so), and dropped when the server runs with \`[executions] storeContent = false\`.

Status: **200** when no record was rejected; **207** when some (or all) were — the body has the same shape, so read \`rejected\`. More than ${maximumExecutionBatchSize} records is refused whole with **413**, storing nothing.`;

export function registerExecutionRoutes(app: FastifyInstance, service: ExecutionService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/executions",
    {
      schema: {
        tags: ["executions"],
        summary: `Log a batch of executions (up to ${maximumExecutionBatchSize}), each validated on its own`,
        description: ingestDescription,
        security: secured,
        body: ingestExecutionsRequestSchema,
        response: {
          200: ingestExecutionsResponseSchema,
          207: ingestExecutionsResponseSchema.describe("Some records were rejected; see rejected"),
          ...writeErrorResponses,
          413: errorResponseSchema.describe(
            `More than ${maximumExecutionBatchSize} records, or a body over the size limit`,
          ),
        },
      },
      // The route has a body only: it is checked against the envelope, not the documented schema.
      validatorCompiler: (route) => zodValidatorCompiler({ ...route, schema: batchEnvelopeSchema }),
    },
    async (request, reply) => {
      // The body passed batchEnvelopeSchema, not the documented schema the type is taken from.
      const body = request.body as unknown as z.infer<typeof batchEnvelopeSchema>;
      const result = await service.ingest(body.executions);
      return reply.status(result.rejected.length > 0 ? 207 : 200).send(result);
    },
  );

  routes.post(
    "/v1/executions/:id/feedback",
    {
      schema: {
        tags: ["executions"],
        summary: "Add feedback (a score and a comment) to an execution",
        security: secured,
        params: executionParamsSchema,
        body: executionFeedbackRequestSchema,
        response: { 201: executionFeedbackSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const feedback = await service.addFeedback(request.params.id, request.body, actorOf(request));
      return reply.status(201).send(feedback);
    },
  );

  routes.get(
    "/v1/executions",
    {
      schema: {
        tags: ["executions"],
        summary: "List executions, newest first, by prompt, version, model, success and time",
        description:
          "Each execution with its logged `variables` and `output` text (null when not logged; `contentTruncated` when cut to 64 KB). A run of a draft has `version: null` and `metadata.draft: true`, so a version filter never counts it.",
        security: secured,
        querystring: listExecutionsQuerySchema,
        response: { 200: pageSchema(executionSchema), ...errorResponses },
      },
    },
    async (request) => service.listExecutions(request.query),
  );

  routes.get(
    "/v1/executions/:id",
    {
      schema: {
        tags: ["executions"],
        summary: "Get one execution with its feedback",
        description:
          "The execution as listed (with its `variables` and `output` text when logged), and its feedback, oldest first.",
        security: secured,
        params: executionParamsSchema,
        response: { 200: executionWithFeedbackSchema, ...errorResponses },
      },
    },
    async (request) => service.getExecution(request.params.id),
  );
}
