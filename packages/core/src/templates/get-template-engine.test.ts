import { describe, expect, it } from "vitest";
import type { EngineName } from "../prompts/prompt-content.js";
import { engineNames } from "../prompts/prompt-content.js";
import { getTemplateEngine } from "./get-template-engine.js";

describe("getTemplateEngine", () => {
  it("has an engine for every engine name", () => {
    for (const name of engineNames) expect(getTemplateEngine(name).name).toBe(name);
  });

  it("refuses an unknown name, listing the engines", () => {
    expect(() => getTemplateEngine("erb" as EngineName)).toThrow(
      /Unknown template engine "erb"; use one of handlebars, jinja2, liquid, mustache/,
    );
    expect(() => getTemplateEngine("constructor" as EngineName)).toThrow(/Unknown template engine/);
  });
});
