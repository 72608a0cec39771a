import { type EvalRunProgressEvent, errorResponseSchema } from "@quire/core";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { errorResponses, secured } from "../prompts/route-schemas.js";
import { EventStreamWriter } from "../runs/event-stream-writer.js";
import type { EvalProgressHub } from "./eval-progress-hub.js";
import { projectOf, runParamsSchema, tags } from "./eval-run-route-schemas.js";
import type { EvalRunService } from "./eval-run-service.js";
import { isFinished } from "./eval-run-shape.js";

export interface EvalRunEventsOptions {
  /** How often the stored progress is read, for runs another server executes (default 500 ms). */
  pollIntervalMs?: number;
}

/**
 * `GET /v1/eval-runs/{id}/events`: server-sent events — `progress` ({id, status, progress}) now
 * and as cells finish (from this server's worker at once, from the database for runs another
 * server executes), then `done` with the run once it is finished, and the stream ends.
 */
export function registerEvalRunEventsRoute(
  app: FastifyInstance,
  service: EvalRunService,
  hub: EvalProgressHub,
  options: EvalRunEventsOptions = {},
): void {
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const open = new Set<() => void>();
  // Streams last as long as their run: end them so the server can close.
  app.addHook("preClose", async () => {
    for (const end of [...open]) end();
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    "/v1/eval-runs/:id/events",
    {
      schema: {
        tags,
        summary: "Follow an eval run: server-sent progress events, then the finished run",
        description:
          "A `text/event-stream`: `event: progress` with `{id, status, progress}` at once and as cells finish, then `event: done` with the run (as GET /v1/eval-runs/{id} answers it) when it has completed, been cancelled or failed; then the stream ends.",
        security: secured,
        params: runParamsSchema,
        response: {
          200: z.string().describe("text/event-stream"),
          ...errorResponses,
          500: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const projectId = projectOf(request);
      const { id } = request.params;
      const first = await service.get(projectId, id);
      // HEAD (which Fastify adds for GET) learns the run exists; it must not hold a stream open.
      if (request.method === "HEAD")
        return reply.header("content-type", "text/event-stream").send("");
      reply.hijack();
      const events = new EventStreamWriter(reply.raw);
      let last = "";
      let ended = false;
      const send = (event: EvalRunProgressEvent) => {
        const key = JSON.stringify(event);
        if (key === last) return;
        last = key;
        void events.send("progress", event);
      };
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        unsubscribe();
        open.delete(end);
        events.end();
      };
      const finish = async () => {
        if (ended) return;
        try {
          const run = await service.get(projectId, id);
          send({ id, status: run.status, progress: run.progress });
          await events.send("done", run);
        } finally {
          end();
        }
      };
      const poll = async () => {
        const run = await service.get(projectId, id);
        if (isFinished(run.status)) await finish();
        else send({ id, status: run.status, progress: run.progress });
      };
      const unsubscribe = hub.subscribe(id, (event) => {
        if (isFinished(event.status)) void finish().catch(end);
        else send(event);
      });
      const timer = setInterval(() => {
        poll().catch((error: unknown) => {
          request.log.warn({ err: error, runId: id }, "eval run events: reading progress failed");
          end();
        });
      }, pollIntervalMs);
      open.add(end);
      reply.raw.once("close", end);
      if (isFinished(first.status)) await finish();
      else send({ id, status: first.status, progress: first.progress });
    },
  );
}
