import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/**
 * core runs in the browser (the web UI's live preview). Bundle the engines, the validation and
 * compilePrompt for the browser, and run the bundle where Node's globals (process, require,
 * Buffer) do not exist.
 */
const entry = `
import { compilePrompt } from ${JSON.stringify(path.resolve(import.meta.dirname, "../index.ts"))};
const templates = {
  handlebars: "Hi {{name}} {{#each xs}}{{.}}{{/each}}",
  jinja2: "Hi {{ name }} {% for x in xs %}{{ x }}{% endfor %}",
  liquid: "Hi {{ name }} {% for x in xs %}{{ x }}{% endfor %}",
  mustache: "Hi {{name}} {{#xs}}{{.}}{{/xs}}",
};
const schema = { type: "object", properties: { name: { type: "string", format: "email" }, xs: { type: "array", default: [1, 2] } }, required: ["name"] };
globalThis.results = Object.entries(templates).map(([engine, template]) => {
  const prompt = compilePrompt({ type: "text", engine, template, inputSchema: schema, outputSchema: null, config: {}, metadata: {} });
  let refused = "";
  try { prompt.render({ name: "not an email" }); } catch (error) { refused = error.code; }
  return prompt.render({ name: "a@b.co" }).text + " " + refused;
});
`;

describe("core in a browser", () => {
  it("bundles for the browser and renders in every engine without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.process).toBeUndefined();
    expect(sandbox.results).toEqual(Array(4).fill("Hi a@b.co 12 VALIDATION_FAILED"));
  }, 60_000);
});
