import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { renderPromptFile } from "./render-prompt-file.js";

// Three nested loops over 1,000 items: a billion iterations without the render budget.
const runaway = `---
input:
  schema:
    items(array): string
---
{{#each items}}{{#each ../items}}{{#each ../../items}}x{{/each}}{{/each}}{{/each}}`;
const items = Array.from({ length: 1_000 }, (_, index) => String(index));

describe("render limits of .prompt files (Dotprompt path)", () => {
  it("stops a runaway loop at maxLoopIterations, naming the file and the limit", () => {
    const error = thrown(() =>
      renderPromptFile(
        runaway,
        { input: { items } },
        {
          fileName: "loop.prompt",
          renderLimits: { maxLoopIterations: 10_000, maxRenderMs: 60_000 },
        },
      ),
    );
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.message).toMatch(
      /^loop\.prompt: Handlebars stopped the render: .*maxLoopIterations/,
    );
    expect(error.details).toMatchObject({
      limit: "maxLoopIterations",
      value: 10_000,
      file: "loop.prompt",
    });
  });

  it("stops it at the default limits too, in time", () => {
    const started = performance.now();
    const error = thrown(() => renderPromptFile(runaway, { input: { items } }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(["maxLoopIterations", "maxRenderMs"]).toContain(
      (error.details as { limit?: string }).limit,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("stops an output over maxOutputBytes, and renders one under every limit", () => {
    const big =
      "---\ninput:\n  schema:\n    items(array): string\n---\n{{#each items}}{{this}}{{/each}}";
    const error = thrown(() =>
      renderPromptFile(
        big,
        { input: { items: Array(2_000).fill("y".repeat(100)) } },
        {
          renderLimits: { maxOutputBytes: 100_000 },
        },
      ),
    );
    expect(error.details).toMatchObject({ limit: "maxOutputBytes", value: 100_000 });
    const small = renderPromptFile(
      big,
      { input: { items: ["a", "b"] } },
      {
        renderLimits: { maxOutputBytes: 100_000 },
      },
    );
    expect(small.messages[0]?.content).toEqual([{ text: "ab" }]);
  });
});
