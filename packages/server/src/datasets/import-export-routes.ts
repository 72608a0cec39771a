import {
  type DatasetFormat,
  datasetFormatQuerySchema,
  importDatasetResponseSchema,
} from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, secured, writeErrorResponses } from "../prompts/route-schemas.js";
import { datasetParamsSchema, projectOf } from "./dataset-route-schemas.js";
import type { DatasetService } from "./dataset-service.js";

const tags = ["datasets"];

/** The bodies an import accepts, each kept as text for core's parser. */
export const importContentTypes = [
  "text/csv",
  "application/json",
  "application/x-ndjson",
  "application/jsonl",
  "text/plain",
] as const;

const exportContentTypes: Record<DatasetFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

/**
 * `POST /v1/datasets/{name}/import` and `GET /v1/datasets/{name}/export`. Registered in their
 * own plugin: the import reads its body as text (the rest of the API parses JSON bodies), so a
 * malformed file is reported by core's parser with its row and column.
 */
export function registerImportExportRoutes(app: FastifyInstance, service: DatasetService): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      [...importContentTypes],
      { parseAs: "string" },
      (_request, body, done) => done(null, body),
    );
    const routes = scope.withTypeProvider<ZodTypeProvider>();

    routes.post(
      "/v1/datasets/:name/import",
      {
        schema: {
          tags,
          summary: "Append the cases of a CSV, JSON or JSONL file",
          description:
            "Send the file as the body (`text/csv`, `application/json`, `application/x-ndjson` or `text/plain`) with `?format=csv|json|jsonl`. The whole file is parsed first: a malformed one is 422 with the row (or line) and column in `details`, and nothing is stored. A case id already in the dataset is 409, and nothing is stored.",
          security: secured,
          consumes: [...importContentTypes],
          params: datasetParamsSchema,
          querystring: datasetFormatQuerySchema,
          body: z.string().describe("The file's text"),
          response: { 201: importDatasetResponseSchema, ...writeErrorResponses },
        },
      },
      async (request, reply) => {
        const outcome = await service.import(
          projectOf(request),
          request.params.name,
          request.body,
          request.query.format,
        );
        return reply.status(201).send(outcome);
      },
    );

    routes.get(
      "/v1/datasets/:name/export",
      {
        schema: {
          tags,
          summary: "Download a dataset's cases as CSV, JSON or JSONL",
          security: secured,
          params: datasetParamsSchema,
          querystring: datasetFormatQuerySchema,
          response: { 200: z.string().describe("The file"), ...errorResponses },
        },
      },
      async (request, reply) => {
        const text = await service.export(
          projectOf(request),
          request.params.name,
          request.query.format,
        );
        const fileName = `${request.params.name.replaceAll("/", "-")}.${request.query.format}`;
        return reply
          .header("content-type", exportContentTypes[request.query.format])
          .header("content-disposition", `attachment; filename="${fileName}"`)
          .serializer((payload: unknown) => payload as string)
          .send(text);
      },
    );
  });
}
