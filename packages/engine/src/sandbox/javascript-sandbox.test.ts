import { afterAll, describe, expect, it } from "vitest";
import { createJavaScriptRunner, runJavaScriptAssertion } from "./run-javascript-assertion.js";

const input = {
  output: "Your refund is on its way.",
  expected: "refund",
  variables: { name: "Ada" },
  prompt: "Answer Ada",
  latencyMs: 12,
};
const runner = createJavaScriptRunner({ workers: 2, memoryLimitMb: 32 });
const run = (source: string, timeoutMs = 2_000) =>
  runner.runJavaScript(source, input, { timeoutMs });

afterAll(() => runner.close());

describe("javascript assertions in the sandbox", () => {
  it("evaluates a one-line expression with output and context", async () => {
    expect(await run("output.includes('refund')")).toBe(true);
    expect(await run("output.length")).toBe(26);
    expect(await run("context.vars.name + ':' + context.prompt")).toBe("Ada:Answer Ada");
    expect(await run("context.test.expected === 'refund' && context.latencyMs === 12")).toBe(true);
  });

  it("runs a multi-line function body and returns objects and async results", async () => {
    const body =
      "const words = output.split(' ');\nreturn { pass: words.length > 3, score: 0.5, reason: 'words: ' + words.length };";
    expect(await run(body)).toEqual({ pass: true, score: 0.5, reason: "words: 6" });
    expect(await run("\nreturn Promise.resolve(7).then((n) => n * 2);")).toBe(14);
    expect(await run("\nconst f = async () => 'late';\nreturn await f();")).toBe("late");
    expect(await run("undefined")).toBeNull();
  });

  it("reports a thrown error with its message", async () => {
    await expect(run("\nthrow new Error('no refund here');")).rejects.toThrow(
      /threw: Error: no refund here/,
    );
    await expect(run("\nreturn Promise.reject(new TypeError('async nope'));")).rejects.toThrow(
      /TypeError: async nope/,
    );
    await expect(run("output.(")).rejects.toThrow(/SyntaxError/);
  });

  it("stops an endless loop at the time limit, and the next job still runs", async () => {
    const started = performance.now();
    await expect(run("\nwhile (true) {}", 200)).rejects.toThrow(
      /timed out: it ran past its 200 ms limit/,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    await expect(
      run("\nreturn (async () => { while (true) { await null; } })();", 200),
    ).rejects.toThrow(/limit/);
    expect(await run("1 + 1")).toBe(2);
  });

  it("has no process, require, environment, network or filesystem", async () => {
    const escapes = [
      "process.env",
      "require('fs')",
      "globalThis.constructor.constructor('return process')()",
      "this.constructor.constructor('return process')()",
      "Object.getPrototypeOf(globalThis).constructor.constructor('return process')()",
      "(() => {}).constructor('return process')()",
      "eval('process')",
      "fetch('http://127.0.0.1:9/')",
      "import('node:fs')",
      "setTimeout(() => {}, 1)",
    ];
    for (const source of escapes) {
      await expect(run(source), source).rejects.toThrow(/threw|SyntaxError|TypeError/);
    }
    const stackWalk = [
      "",
      "Error.prepareStackTrace = (error, frames) => frames.map((frame) => frame.getFunction?.() ?? frame.getThis?.());",
      "const found = new Error('walk').stack;",
      "for (const value of Array.isArray(found) ? found : []) {",
      "  try { if (value && value.constructor.constructor('return process')()) return 'escaped'; } catch {}",
      "}",
      "return 'contained';",
    ].join("\n");
    expect(await run(stackWalk)).toBe("contained");
    expect(await run("typeof process + typeof require + typeof globalThis.process")).toBe(
      "undefinedundefinedundefined",
    );
  });

  it("fails a job that goes over the memory limit without hurting the next", async () => {
    const hog =
      "\nconst chunks = [];\nfor (;;) { chunks.push(new Array(1e6).fill(Math.random())); }";
    await expect(run(hog, 10_000)).rejects.toThrow(/memory|stopped/);
    expect(await run("'still here'")).toBe("still here");
  });

  it("runs jobs in parallel and through the shared runner", async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, index) => run(`${index} * 2`)));
    expect(results).toEqual([0, 2, 4, 6, 8, 10]);
    expect(
      await runJavaScriptAssertion("output.startsWith('Your')", input, { timeoutMs: 1_000 }),
    ).toBe(true);
  });
});
