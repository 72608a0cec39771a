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
          "The execution log stores no output text and no variables of its own: the case takes `metadata.variables` (an object) as its variables and `metadata.output` as its expected value when the application logged them there, and records the execution's id, prompt, version, label and model in its metadata.",
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
