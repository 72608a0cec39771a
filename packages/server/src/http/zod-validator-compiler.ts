import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { type RequestPart, requestValidationError } from "./validation-error.js";

/**
 * Parses each request part with its shared zod schema; a mismatch becomes a QuireError that the
 * error handler turns into 422 VALIDATION_FAILED with every field path and problem.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: requestValidationError((httpPart ?? "body") as RequestPart, data, result.error),
    };
  };
