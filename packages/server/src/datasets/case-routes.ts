import {
  caseFromExecutionRequestSchema,
  casesRequestSchema,
  casesResponseSchema,
  datasetCaseSchema,
  pageSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  errorResponses,
  pageQuerySchema,
  secured,
  writeErrorResponses,
} from "../prompts/route-schemas.js";
import { caseParamsSchema, datasetParamsSchema, projectOf } from "./dataset-route-schemas.js";
import type { DatasetService } from "./dataset-service.js";

const tags = ["datasets"];

/** `/v1/datasets/{name}/cases`: list, add, replace, delete one, and save an execution as one. */
export function registerCaseRoutes(app: FastifyInstance, service: DatasetService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/v1/datasets/:name/cases",
    {
      schema: {
        tags,
        summary: "List a dataset's cases in order",
        security: secured,
        params: datasetParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(datasetCaseSchema), ...errorResponses },
      },
    },
    async (request) => service.listCases(projectOf(request), request.params.name, request.query),
  );

  routes.post(
    "/v1/datasets/:name/cases",
    {
      schema: {
        tags,
        summary: "Append cases (all or none: an id already in the dataset is 409)",
        security: secured,
        params: datasetParamsSchema,
        body: casesRequestSchema,
        response: { 201: casesResponseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) => {
      const items = await service.addCases(
        projectOf(request),
        request.params.name,
        request.body.cases,
      );
      return reply.status(201).send({ items });
    },
  );

  routes.put(
    "/v1/datasets/:name/cases",
    {
      schema: {
        tags,
        summary: "Replace every case of a dataset",
        security: secured,
        params: datasetParamsSchema,
        body: casesRequestSchema,
        response: { 200: casesResponseSchema, ...writeErrorResponses },
      },
    },
    async (request) => ({
      items: await service.replaceCases(
        projectOf(request),
        request.params.name,
        request.body.cases,
      ),
    }),
  );

  routes.delete(
    "/v1/datasets/:name/cases/:caseId",
    {
      schema: {
        tags,
        summary: "Delete one case",
        security: secured,
        params: caseParamsSchema,
        response: { 200: datasetCaseSchema.describe("The case as it was"), ...writeErrorResponses },
      },
    },
    async (request) =>
      service.deleteCase(projectOf(request), request.params.name, request.params.caseId),
  );

  routes.post(
    "/v1/datasets/:name/cases/from-execution",
    {
      schema: {
        tags,
        summary: "Save a logged execution as a case",
        description:
          "The case takes the execution's logged `variables` as its variables and its `output` text as its expected value; for an execution logged without them (before the log kept content, with `[executions] storeContent = false`, or ingested without them) it falls back to `metadata.variables` (an object) and `metadata.output` when the application put them there. The case's metadata records the execution's id, prompt, version, label and model (and `contentTruncated: true` when the log had cut the content to 64 KB).",
        security: secured,
        params: datasetParamsSchema,
        body: caseFromExecutionRequestSchema,
        response: { 201: datasetCaseSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addFromExecution(projectOf(request), request.params.name, request.body),
        ),
  );
}
