import { describe, expect, it } from "vitest";
import type { AssertionServices } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

async function check(spec: AssertionSpec, services: AssertionServices, output = "hello") {
  const { results } = await evaluateAssertions([spec], { output, variables: { x: 1 } }, services);
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

const returning = (value: unknown): AssertionServices => ({ runJavaScript: async () => value });

describe("javascript", () => {
  it("gives the runner the source, the input and the time limit", async () => {
    const calls: unknown[] = [];
    const services: AssertionServices = {
      runJavaScript: async (source, input, options) => {
        calls.push({ source, output: input.output, options });
        return true;
      },
    };
    const spec = {
      type: "javascript",
      value: "output.includes('{{x}}')",
      options: { timeoutMs: 50 },
    };
    expect((await check(spec, services)).pass).toBe(true);
    expect(calls).toEqual([
      { source: "output.includes('{{x}}')", output: "hello", options: { timeoutMs: 50 } },
    ]);
  });

  it("reads booleans, 0–1 numbers and {pass, score, reason}", async () => {
    const spec = { type: "javascript", value: "…" };
    expect(await check(spec, returning(false))).toMatchObject({ pass: false, score: 0 });
    expect(await check(spec, returning(0.3))).toMatchObject({ pass: true, score: 0.3 });
    expect(await check({ ...spec, threshold: 0.5 }, returning(0.3))).toMatchObject({
      pass: false,
      score: 0.3,
    });
    expect(await check(spec, returning(0))).toMatchObject({ pass: false, score: 0 });
    expect(
      await check(spec, returning({ pass: true, score: 0.9, reason: "polite" })),
    ).toMatchObject({
      pass: true,
      score: 0.9,
      reason: "polite",
    });
    expect(await check(spec, returning({ pass: false }))).toMatchObject({ pass: false, score: 0 });
  });

  it("is errored for anything else it returns", async () => {
    const spec = { type: "javascript", value: "…" };
    for (const value of [1.5, "yes", null, undefined, { score: 0.5 }, [true]]) {
      const result = await check(spec, returning(value));
      expect(result).toMatchObject({ pass: false, errored: true });
    }
  });

  it("is errored when the check throws or times out", async () => {
    const spec = { type: "javascript", value: "…", options: { timeoutMs: 20 } };
    const threw = await check(spec, {
      runJavaScript: () => Promise.reject(new Error("x is not defined")),
    });
    expect(threw).toMatchObject({ pass: false, errored: true });
    expect(threw.reason).toBe("the javascript check threw: x is not defined");
    const timedOut = await check(spec, {
      runJavaScript: () => Promise.reject(new Error("Script execution timed out")),
    });
    expect(timedOut.reason).toContain("did not finish within 20 ms");
    // A runner that never answers is cut off by core shortly after the limit.
    const hung = await check(spec, { runJavaScript: () => new Promise(() => {}) });
    expect(hung).toMatchObject({ pass: false, errored: true });
    expect(hung.reason).toContain("did not finish within 20 ms");
    expect(
      (
        await check(
          { ...spec, type: "not-javascript" },
          { runJavaScript: () => new Promise(() => {}) },
        )
      ).pass,
    ).toBe(false);
  });

  it("is errored, saying the project must allow it, when no runner is given", async () => {
    const result = await check({ type: "javascript", value: "true" }, {});
    expect(result).toMatchObject({ pass: false, errored: true });
    expect(result.reason).toContain("the project must allow javascript assertions");
    const negated = await check(
      { type: "not-javascript", value: "false" },
      { unavailableReasons: { runJavaScript: "an admin can turn them on" } },
    );
    // Negation does not turn a check that never ran into a pass.
    expect(negated).toMatchObject({
      pass: false,
      errored: true,
      reason: "an admin can turn them on",
    });
  });
});
