import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/** The assertions run in the web UI too: bundle them for the browser and run them without Node. */
const entry = `
import { evaluateAssertions } from ${JSON.stringify(path.resolve(import.meta.dirname, "../index.ts"))};
evaluateAssertions(
  [
    { type: "icontains", value: "{{name}}" },
    { type: "contains-json", value: { type: "object", required: ["id"] } },
    { type: "not-is-xml" },
    { type: "bleu", value: "order 7 for Ada is shipped" },
    { type: "regex", value: "\\\\d+" },
    { type: "assert-set", assert: [{ type: "word-count", value: { min: 3 } }, { type: "not-is-refusal" }] },
  ],
  { output: 'Order 7 for ADA is shipped {"id": 7}', variables: { name: "ada" } },
).then((verdict) => { globalThis.verdict = verdict; }, (error) => { globalThis.failure = String(error); });
`;

describe("assertions in a browser", () => {
  it("bundle for the browser and evaluate without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sandbox.failure).toBeUndefined();
    const verdict = sandbox.verdict as {
      pass: boolean;
      results: Array<{ type: string; pass: boolean }>;
    };
    expect(verdict.results.map((result) => [result.type, result.pass])).toEqual([
      ["icontains", true],
      ["contains-json", true],
      ["not-is-xml", true],
      ["bleu", true],
      ["regex", true],
      ["assert-set", true],
    ]);
    expect(verdict.pass).toBe(true);
  }, 60_000);
});
