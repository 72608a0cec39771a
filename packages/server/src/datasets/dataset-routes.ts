import {
  createDatasetRequestSchema,
  datasetSchema,
  pageSchema,
  updateDatasetRequestSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requestPrincipal } from "../auth/authentication-hook.js";
import { actorName } from "../auth/principal.js";
import {
  errorResponses,
  pageQuerySchema,
  secured,
  writeErrorResponses,
} from "../prompts/route-schemas.js";
import { datasetParamsSchema, projectOf } from "./dataset-route-schemas.js";
import type { DatasetService } from "./dataset-service.js";

const tags = ["datasets"];

/** `/v1/datasets` and `/v1/datasets/{name}`: create, list, read, describe, delete. */
export function registerDatasetRoutes(app: FastifyInstance, service: DatasetService): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/v1/datasets",
    {
      schema: {
        tags,
        summary: "Create a dataset, optionally with its cases",
        security: secured,
        body: createDatasetRequestSchema,
        response: { 201: datasetSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.create(
            projectOf(request),
            request.body,
            actorName(requestPrincipal(request)),
          ),
        ),
  );

  routes.get(
    "/v1/datasets",
    {
      schema: {
        tags,
        summary: "List datasets by name",
        security: secured,
        querystring: pageQuerySchema,
        response: { 200: pageSchema(datasetSchema), ...errorResponses },
      },
    },
    async (request) => service.list(projectOf(request), request.query),
  );

  routes.get(
    "/v1/datasets/:name",
    {
      schema: {
        tags,
        summary: "Get a dataset (its description and case count)",
        security: secured,
        params: datasetParamsSchema,
        response: { 200: datasetSchema, ...errorResponses },
      },
    },
    async (request) => service.get(projectOf(request), request.params.name),
  );

  routes.put(
    "/v1/datasets/:name",
    {
      schema: {
        tags,
        summary: "Change a dataset's description",
        security: secured,
        params: datasetParamsSchema,
        body: updateDatasetRequestSchema,
        response: { 200: datasetSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      service.update(projectOf(request), request.params.name, request.body.description),
  );

  routes.delete(
    "/v1/datasets/:name",
    {
      schema: {
        tags,
        summary: "Delete a dataset and its cases (past eval runs keep their snapshot)",
        security: secured,
        params: datasetParamsSchema,
        response: { 200: datasetSchema.describe("The dataset as it was"), ...writeErrorResponses },
      },
    },
    async (request) => service.delete(projectOf(request), request.params.name),
  );
}
