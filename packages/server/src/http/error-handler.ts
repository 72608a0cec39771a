import { errorCodeForStatus, httpStatusForCode, isQuireError, QuireError } from "@quire/core";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Turns Fastify's own errors (body too large, bad content type…) into QuireErrors. */
function fromFastifyError(
  error: FastifyError,
  request: FastifyRequest,
  bodyLimitBytes: number,
): QuireError | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new QuireError(
        "PAYLOAD_TOO_LARGE",
        `The request body is larger than the limit of ${bodyLimitBytes} bytes. Send less, or raise the server's bodyLimitBytes (QUIRE_BODY_LIMIT_BYTES).`,
        { details: { limitBytes: bodyLimitBytes } },
      );
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new QuireError(
        "BAD_REQUEST",
        `Unsupported Content-Type ${JSON.stringify(request.headers["content-type"] ?? "")}: send the body as JSON with Content-Type: application/json.`,
        { details: { contentType: request.headers["content-type"] ?? null } },
      );
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new QuireError(
        "BAD_REQUEST",
        "The Content-Length header does not match the body sent.",
      );
    default: {
      const status = error.statusCode;
      // A framework error of 500 or more is unexpected: it goes to the 500 path, logged.
      return status === undefined || status >= 500
        ? undefined
        : new QuireError(errorCodeForStatus(status), error.message);
    }
  }
}

/**
 * The one error handler: QuireErrors get the status of their code; everything unexpected is
 * logged with its stack and answered with a 500 that holds no internals.
 */
export function registerErrorHandler(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const known = isQuireError(error) ? error : fromFastifyError(error, request, bodyLimitBytes);
    if (known !== undefined) {
      const status = httpStatusForCode(known.code);
      if (status >= 500) request.log.error({ err: error }, known.message);
      else request.log.debug({ code: known.code }, known.message);
      return reply.status(status).send({ error: known.toJSON() });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({
      error: {
        code: "INTERNAL",
        message: `Internal error while handling ${request.method} ${request.routeOptions.url ?? request.url}; the server log has the details (request id ${request.id}).`,
        details: { requestId: request.id },
      },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new QuireError(
      "NOT_FOUND",
      `No route ${request.method} ${request.url.split("?")[0]}. The API is described at /openapi.json and /docs.`,
      { details: { method: request.method, path: request.url.split("?")[0] } },
    );
    return reply.status(404).send({ error: error.toJSON() });
  });
}
