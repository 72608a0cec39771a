import { describe, expect, it } from "vitest";
import type { AssertionInput } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

async function check(spec: AssertionSpec, input: Partial<AssertionInput>) {
  const { results } = await evaluateAssertions([spec], { output: "x", variables: {}, ...input });
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

describe("latency and cost", () => {
  it("latency passes at or under the limit and is errored when unmeasured", async () => {
    expect((await check({ type: "latency", value: 500 }, { latencyMs: 500 })).pass).toBe(true);
    const slow = await check({ type: "latency", value: 500 }, { latencyMs: 501 });
    expect(slow).toMatchObject({ pass: false, score: 0 });
    expect(slow.reason).toBe("expected latency of at most 500 ms; it took 501 ms");
    expect((await check({ type: "latency", value: 500 }, {})).errored).toBe(true);
  });

  it("cost passes at or under the limit and is errored when the model has no price", async () => {
    expect((await check({ type: "cost", value: 0.01 }, { costUsd: 0.002 })).pass).toBe(true);
    expect((await check({ type: "cost", value: 0.001 }, { costUsd: 0.002 })).pass).toBe(false);
    const unknown = await check({ type: "cost", value: 0.01 }, {});
    expect(unknown).toMatchObject({ pass: false, errored: true });
    expect(unknown.reason).toContain("no price");
    // Negation does not turn an unknown cost into a pass.
    expect((await check({ type: "not-cost", value: 0.01 }, {})).pass).toBe(false);
  });
});
