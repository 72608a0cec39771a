import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/**
 * Strategies and output parsers run in the web UI too (the playground): bundle them for the
 * browser and run them where Node's globals (process, require, Buffer, structuredClone) are absent.
 */
const entry = `
import { generateStructured, runReact, selfConsistency } from ${JSON.stringify(path.resolve(import.meta.dirname, "index.ts"))};
import { parseJsonOutput, parseList } from ${JSON.stringify(path.resolve(import.meta.dirname, "../output-parsers/index.ts"))};
const replies = ["Answer: 4", "Answer: 4", "Answer: 5", '{"n": "x"}', '{"n": 2}', "Action: add\\nAction Input: {\\"a\\": 1}", "Final Answer: 2"];
let call = 0;
const model = {
  modelId: "browser/test",
  generate: async () => ({ text: replies[call++] ?? "", toolCalls: [], finishReason: "stop", modelId: "browser/test" }),
};
const messages = [{ role: "user", content: [{ type: "text", text: "2 + 2?" }] }];
globalThis.done = (async () => {
  const vote = await selfConsistency(model, { messages, samples: 3, concurrency: 1 });
  const structured = await generateStructured(model, { messages, schema: { type: "object", properties: { n: { type: "integer" } } } });
  const react = await runReact(model, { messages, tools: [{ name: "add", parameters: { type: "object" }, execute: ({ a }) => a + 1 }] });
  return {
    answer: vote.answer,
    value: structured.value,
    retries: structured.attempts.length,
    observation: react.steps[0].observation,
    final: react.answer,
    json: parseJsonOutput("text {\\"a\\": [1]} text"),
    list: parseList("1. a\\n2. b"),
  };
})();
`;

describe("strategies in a browser", () => {
  it("bundle for the browser and run without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.process).toBeUndefined();
    expect(await sandbox.done).toEqual({
      answer: "4",
      value: { n: 2 },
      retries: 2,
      observation: "2",
      final: "2",
      json: { a: [1] },
      list: ["a", "b"],
    });
  }, 60_000);
});
