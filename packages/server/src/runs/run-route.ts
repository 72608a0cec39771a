import {
  errorResponseSchema,
  isQuireError,
  QuireError,
  runRequestSchema,
  runResponseSchema,
} from "@quire/core";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorResponses, promptParamsSchema, secured } from "../prompts/route-schemas.js";
import { EventStreamWriter } from "./event-stream-writer.js";
import type { RunService } from "./run-service.js";

const description = `Renders the version (label, default production, or number — or the request's unsaved \`draft\`) with its components, calls the model and answers the output with usage, cost, latency, the model that served, what failed before it, whether the response cache answered, the render's provenance and the id of the execution record (written for every run that reached its model, success or failure, without waiting for the database).

- **Draft**: \`draft\` (\`{template, type?, engine?, inputSchema?, outputSchema?, config?}\`) runs an unsaved version instead, as a saved one would run (components, input schema, guards, render limits, strategy, output schema, preset, fallback, cache); omitted fields come from the prompt's latest version, and the prompt need not exist yet. Nothing is stored in the registry; the answer has \`version: null\`, \`resolvedBy: "draft"\` and \`draft: true\`, and the execution is logged with version null and \`metadata.draft: true\`. With \`label\` or \`version\` it is 400 BAD_REQUEST naming both fields; a syntax error in it is 422 TEMPLATE_SYNTAX with its line and column.
- **Execution log**: the record keeps the variables as given and the answer's text as returned (redacted when \`redactOutput\` redacted it), each capped at 64 KB, unless the server runs with \`[executions] storeContent = false\`.
- **Model**: the request's \`model\`, else the version's \`config.model\`; an unknown one is 422 listing the configured models. **Fallback**: the request's \`fallback\`, else \`config.fallback\` (model ids or \`{model, timeoutMs}\`), tried in order once a model's retries are spent.
- **Parameters**: the version's preset < its config < \`params\`. **Strategy**: the version's \`config.strategy\` (self-consistency, tree of thoughts…); a version with an output schema and no strategy runs structured output and answers the checked value in \`json\`.
- **Tools**: \`react\` and \`tool-calling\` call the tools the version's \`config.tools\` names — operator-configured HTTP endpoints (\`[[tools]]\` in quire.toml; never defined by a prompt or a request); a failing, slow or oversized tool answer is an error result the model reads. \`strategyResult\` holds the trajectory (steps or calls, with results). Tool calling with client-side tools (\`config.toolDefinitions\`) stops at their calls and answers them in \`toolCalls\` for the application to run, with \`continuation\` (the conversation after the render so far). A tool name that is not configured is 422 listing the configured ones. One model round runs at most \`[toolCalls] maxParallel\` calls at once (default 4) and \`maxPerRound\` calls in all (default 16): further calls get an error result saying the limit.
- **Continuing with tool results**: \`messages\` (tool-calling versions and drafts only) carries the conversation after the rendered prompt — \`{"role": "assistant", "content"?, "toolCalls": [{id, name, arguments}]}\` as a run answered them (\`continuation\`, or \`toolCalls\` alone), then one \`{"role": "tool", "toolCallId", "content"}\` per call with its result (a string, or a JSON value sent as its JSON text). The version is rendered as before, these messages appended, and the model called again: it answers text, or more calls (server-side ones run as usual). A result for an id no assistant message made, a call without a result, a second result, an unknown role, a missing or null content, a call of a tool the version does not have, or \`messages\` on another strategy is 422 VALIDATION_FAILED with each bad item's path (\`messages.2.toolCallId\`). The execution record's \`metadata.quire.continuationMessages\` says how many were appended. The response cache keys on the whole conversation, so a continuation is never served the first turn's answer. Works with \`stream\` (tool calling runs whole, then sends its answer as one delta).
- **Retries**: timeouts, 429 (honouring Retry-After) and 5xx, with exponential backoff and jitter; a provider failing again and again has its circuit opened for a while.
- **Guards**: \`guard\` (else the version's \`config.guard\`) applies the prompt-injection defenses to untrusted variables as \`/render\` does (a refusal is 422 naming the variable); the output is checked for the canary, secrets and personal data and reported in \`guard.outputFindings\`; \`redactOutput: true\` redacts them in \`output\`.
- **Cache**: answers with temperature 0 are served from the exact response cache; \`cache: true\` also caches sampled answers, \`cache: false\` skips it.
- **Stream** (\`stream: true\`): \`text/event-stream\` with \`delta\` events (\`{text}\`), then one \`done\` event whose data is this route's JSON answer, or one \`error\` event (\`{error}\`) when the model fails after text was sent. A failure before any text is an ordinary JSON error with its status. A strategy other than one direct call runs whole and sends its answer as one delta.

Errors: 400 \`draft\` with \`label\` or \`version\`; 404 unknown prompt or version; 422 missing or invalid variables, unknown model, no model, no providers configured (the message says how to add \`[[providers]]\` to quire.toml), a bad version config; **502 PROVIDER_ERROR** when the model (and every fallback) failed, with \`details.errorClass\` (auth, rate-limit, timeout, context-too-long, content-filtered, provider-error, malformed-response, unavailable), \`details.failures\` and \`details.executionId\`. A provider's rate limit is a 502 with class rate-limit (and a Retry-After header when the provider gave one), not a 429: 429 is kept for limits of Quire itself. A provider timeout is a 502 with class timeout, not a 504.`;

/** Sets Retry-After on the answer when the provider gave one for a rate limit. */
function passRetryAfter(reply: FastifyReply, error: unknown): void {
  if (!isQuireError(error) || error.details.errorClass !== "rate-limit") return;
  const seconds = error.details.retryAfterSeconds;
  if (typeof seconds === "number" && seconds >= 0) {
    reply.header("retry-after", String(Math.ceil(seconds)));
  }
}

export function registerRunRoute(app: FastifyInstance, service: RunService): void {
  // A run may still be answering when the server closes. Once its answer is out, its
  // keep-alive connection is closed, or the close would wait for the client to hang up.
  let closing = false;
  app.addHook("preClose", (done) => {
    closing = true;
    done();
  });
  const releaseConnectionIfClosing = () => {
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  };

  app.withTypeProvider<ZodTypeProvider>().post(
    "/v1/prompts/:name/run",
    {
      schema: {
        tags: ["runs"],
        summary:
          "Run a version (or an unsaved draft) on a model: render, call (with fallback, retries, cache), log",
        description,
        security: secured,
        params: promptParamsSchema,
        body: runRequestSchema,
        response: {
          200: runResponseSchema.describe(
            "The answer (JSON); with stream: true, text/event-stream whose done event carries this",
          ),
          ...errorResponses,
          502: errorResponseSchema.describe(
            "The model and every fallback failed: details.errorClass, details.failures, details.executionId",
          ),
        },
      },
      onResponse: (_request, _reply, done) => {
        releaseConnectionIfClosing();
        done();
      },
    },
    async (request, reply) => {
      const startedAt = performance.now();
      const controller = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) {
          controller.abort(
            new QuireError("UNAVAILABLE", "The client closed the connection before the answer."),
          );
        }
      };
      reply.raw.once("close", onClose);
      const { name } = request.params;
      const body = request.body;
      try {
        if (body.stream !== true) {
          const providerTime = { ms: 0 };
          const result = await service.run(name, body, {
            startedAt,
            signal: controller.signal,
            providerTime,
          });
          // What the run spent waiting on providers, and the rest: Quire's own time.
          reply.header(
            "server-timing",
            `provider;dur=${providerTime.ms.toFixed(3)}, quire;dur=${Math.max(0, result.latencyMs - providerTime.ms).toFixed(3)}`,
          );
          return result;
        }
        let events: EventStreamWriter | undefined;
        try {
          const result = await service.stream(name, body, {
            startedAt,
            signal: controller.signal,
            onStart: () => {
              reply.hijack();
              reply.raw.once("finish", releaseConnectionIfClosing);
              events = new EventStreamWriter(reply.raw);
            },
            onDelta: (text) => events?.send("delta", { text }),
          });
          await events?.send("done", result);
          events?.end();
        } catch (error) {
          if (events === undefined) throw error;
          const known =
            error instanceof QuireError
              ? error
              : new QuireError("INTERNAL", "The run failed inside the server; the log says why.");
          request.log.warn({ err: error }, "run: the stream failed after it started");
          await events.send("error", { error: known.toJSON() });
          events.end();
        }
        return undefined;
      } catch (error) {
        passRetryAfter(reply, error);
        throw error;
      } finally {
        reply.raw.off("close", onClose);
      }
    },
  );
}
