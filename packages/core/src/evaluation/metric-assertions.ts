import { type AssertionHandler, binary, errored, type SpecProblem } from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";

function checkLimit(spec: AssertionSpec): SpecProblem | undefined {
  const limit = spec.value;
  if (limit === undefined) return undefined;
  if (typeof limit === "number" && Number.isFinite(limit) && limit >= 0) return undefined;
  return {
    field: "value",
    message: `${spec.type} needs the largest allowed ${spec.type === "cost" ? "cost in US dollars" : "latency in milliseconds"} (a number, 0 or more) as its value`,
  };
}

const latency: AssertionHandler = {
  requiresValue: true,
  check: checkLimit,
  evaluate({ value, input }) {
    if (typeof value !== "number")
      return errored("latency needs a number of milliseconds as its value");
    if (input.latencyMs === undefined) {
      return errored(
        "the latency of this output is unknown (it was not measured, e.g. a cached answer)",
      );
    }
    return input.latencyMs <= value
      ? binary(true, `latency ${input.latencyMs} ms is within ${value} ms`)
      : binary(false, `expected latency of at most ${value} ms; it took ${input.latencyMs} ms`);
  },
};

const cost: AssertionHandler = {
  requiresValue: true,
  check: checkLimit,
  evaluate({ value, input }) {
    if (typeof value !== "number") return errored("cost needs a number of US dollars as its value");
    if (input.costUsd === undefined) {
      return errored(
        "the cost of this output is unknown: the model has no price; add its price to the project's model prices to use cost",
      );
    }
    const spent = `$${input.costUsd.toFixed(6)}`;
    return input.costUsd <= value
      ? binary(true, `cost ${spent} is within $${value}`)
      : binary(false, `expected a cost of at most $${value}; it cost ${spent}`);
  },
};

/** latency and cost. */
export const metricAssertions: Record<string, AssertionHandler> = { latency, cost };
