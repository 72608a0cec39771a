import type { FastifySerializerCompiler } from "fastify";
import { serializerCompiler as validatingSerializer } from "fastify-type-provider-zod";
import type { z } from "zod";

/**
 * Responses are checked against their zod schema before they are sent (so a route cannot leak
 * fields outside its contract), except on the hot routes named here, where the check costs
 * about a tenth of the request (measured: GET 11.7k → 14.2k req/s, render 7.8k → 8.8k req/s on
 * 2 cores; on `/run`, ~0.08 ms of each run's overhead in a profile of `npm run bench --
 * run-overhead`). They build their responses field by field from typed values, and the tests
 * hold their responses to the contract: the strict schemas for GET and render, every answer of
 * the run suites for `/run` (`fieldsOutsideSchema` in packages/server/test/support). A run's
 * streamed `done` event was never passed through a schema either.
 */
export function responseSerializer(
  unvalidatedRoutes: ReadonlySet<string>,
): FastifySerializerCompiler<z.ZodType> {
  return (route) => {
    if (unvalidatedRoutes.has(`${route.method} ${route.url}`))
      return (data) => JSON.stringify(data);
    return validatingSerializer(route);
  };
}

export const hotRoutes: ReadonlySet<string> = new Set([
  "GET /v1/prompts/:name",
  "POST /v1/prompts/:name/render",
  "POST /v1/prompts/:name/run",
]);
