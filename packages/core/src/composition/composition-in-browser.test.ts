import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/** Composition is part of core: it bundles for the browser and composes there (live preview). */
const entry = `
import { compileWithComponentsSync } from ${JSON.stringify(path.resolve(import.meta.dirname, "../index.ts"))};
const content = (engine, template) => ({ type: "text", engine, template, inputSchema: null, outputSchema: null, config: {}, metadata: {} });
const parts = { handlebars: "Be {{tone}}.", jinja2: "Be {{ tone }}.", liquid: "Be {{ tone }}.", mustache: "Be {{tone}}." };
globalThis.results = Object.entries(parts).map(([engine, part]) => {
  const { compiled, provenance } = compileWithComponentsSync(
    { name: "root", version: 1, content: content(engine, "[{{> style@production}}]") },
    (reference) => ({ name: reference.name, version: 4, content: content(engine, part) }),
  );
  return compiled.render({ tone: "kind" }).text + " " + provenance.components[0].version;
});
`;

describe("composition in a browser", () => {
  it("bundles for the browser and composes in every engine without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.process).toBeUndefined();
    expect(sandbox.results).toEqual(Array(4).fill("[Be kind.] 4"));
  }, 60_000);
});
