import { describe, expect, it } from "vitest";
import { compilePrompt } from "../prompts/compile-prompt.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { thrown } from "../testing/test-helpers.js";
import { getTemplateEngine } from "./get-template-engine.js";
import { defaultRenderLimits, type RenderLimits, resolveRenderLimits } from "./render-limits.js";

const engines: EngineName[] = ["handlebars", "jinja2", "liquid", "mustache"];

/** Per engine: a template looping `outer` × `inner` times, printing `text` each time. */
const nestedLoops: Record<EngineName, string> = {
  handlebars: "{{#each outer}}{{#each ../inner}}{{../../text}}{{/each}}{{/each}}",
  jinja2: "{% for o in outer %}{% for i in inner %}{{ text }}{% endfor %}{% endfor %}",
  liquid: "{% for o in outer %}{% for i in inner %}{{ text }}{% endfor %}{% endfor %}",
  mustache: "{{#outer}}{{#inner}}{{text}}{{/inner}}{{/outer}}",
};

function render(
  engine: EngineName,
  source: string,
  variables: Record<string, unknown>,
  renderLimits: Partial<RenderLimits>,
): string {
  return getTemplateEngine(engine).compile(source, { renderLimits })(variables);
}

/** Items are objects: a falsy item (0) is an empty section in Mustache. */
const loops = (outer: number, inner: number, text = "") => ({
  outer: Array.from({ length: outer }, (_, index) => ({ index })),
  inner: Array.from({ length: inner }, (_, index) => ({ index })),
  text,
});

describe("render limits: options", () => {
  it("default to 1 MB of output, 1,000,000 iterations and 100 ms", () => {
    expect(defaultRenderLimits).toEqual({
      maxOutputBytes: 1_048_576,
      maxLoopIterations: 1_000_000,
      maxRenderMs: 100,
    });
    expect(resolveRenderLimits(undefined)).toEqual(defaultRenderLimits);
    expect(resolveRenderLimits({ maxRenderMs: 5 })).toEqual({
      ...defaultRenderLimits,
      maxRenderMs: 5,
    });
    expect(resolveRenderLimits({ maxOutputBytes: Number.POSITIVE_INFINITY }).maxOutputBytes).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it.each([0, -1, Number.NaN, "10", null])("refuses %j, naming the option", (value) => {
    const error = thrown(() =>
      resolveRenderLimits({ maxLoopIterations: value as unknown as number }),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("maxLoopIterations");
    expect(error.details.option).toBe("maxLoopIterations");
  });

  it("are refused when compiling a template with a bad one", () => {
    expect(
      thrown(() => getTemplateEngine("liquid").compile("x", { renderLimits: { maxRenderMs: -5 } }))
        .code,
    ).toBe("VALIDATION_FAILED");
  });
});

describe.each(engines)("%s: render limits", (engine) => {
  it("counts every iteration of nested loops: 3 outer + 3 × 4 inner = 15", () => {
    expect(render(engine, nestedLoops[engine], loops(3, 4, "."), { maxLoopIterations: 15 })).toBe(
      ".".repeat(12),
    );
    const error = thrown(() =>
      render(engine, nestedLoops[engine], loops(3, 4, "."), { maxLoopIterations: 14 }),
    );
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.details).toEqual({ engine, limit: "maxLoopIterations", value: 14 });
    expect(error.message).toMatch(/more than 14 loop iterations.*raise maxLoopIterations/);
  });

  it("counts output in bytes of UTF-8, exactly, however deeply loops nest", () => {
    // 2 × 5 × "é" (2 bytes) = 20 bytes.
    expect(render(engine, nestedLoops[engine], loops(2, 5, "é"), { maxOutputBytes: 20 })).toBe(
      "é".repeat(10),
    );
    const error = thrown(() =>
      render(engine, nestedLoops[engine], loops(2, 5, "é"), { maxOutputBytes: 19 }),
    );
    expect(error.details).toEqual({ engine, limit: "maxOutputBytes", value: 19 });
    expect(error.message).toContain("raise maxOutputBytes");
  });

  it("stops output that grows in a loop long before the loop ends", () => {
    const started = performance.now();
    const error = thrown(() =>
      render(engine, nestedLoops[engine], loops(1000, 1000, "x".repeat(1000)), {
        maxOutputBytes: 10_000,
      }),
    );
    expect(error.details.limit).toBe("maxOutputBytes");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("stops a render that takes longer than maxRenderMs, within a margin", () => {
    const started = performance.now();
    const error = thrown(() =>
      render(engine, nestedLoops[engine], loops(3000, 3000), {
        maxRenderMs: 20,
        maxLoopIterations: Number.POSITIVE_INFINITY,
      }),
    );
    const elapsed = performance.now() - started;
    expect(error.details).toEqual({ engine, limit: "maxRenderMs", value: 20 });
    expect(error.message).toContain("longer than 20 ms");
    expect(elapsed).toBeGreaterThanOrEqual(20);
    expect(elapsed).toBeLessThan(1000);
  });

  it("lets Infinity turn a limit off", () => {
    const output = render(engine, nestedLoops[engine], loops(40, 40, "ab"), {
      maxLoopIterations: Number.POSITIVE_INFINITY,
      maxOutputBytes: Number.POSITIVE_INFINITY,
    });
    expect(output.length).toBe(3200);
  });

  it("is set through compilePrompt's options too", () => {
    const prompt = compilePrompt(
      {
        type: "text",
        engine,
        template: nestedLoops[engine],
        inputSchema: null,
        outputSchema: null,
        config: {},
        metadata: {},
      },
      { renderLimits: { maxLoopIterations: 5 } },
    );
    expect(thrown(() => prompt.render(loops(2, 3))).details.limit).toBe("maxLoopIterations");
    expect(prompt.render(loops(1, 4, "a"))).toMatchObject({ text: "aaaa" });
  });

  it("renders the same prompt again after a render was stopped", () => {
    const compiled = getTemplateEngine(engine).compile(nestedLoops[engine], {
      renderLimits: { maxLoopIterations: 6 },
    });
    expect(() => compiled(loops(3, 3, "x"))).toThrow();
    expect(compiled(loops(2, 2, "y"))).toBe("yyyy");
  });
});

describe.each(engines)("%s: a chat prompt's messages share one budget", (engine) => {
  const loop = nestedLoops[engine];
  const chat = (renderLimits: Partial<RenderLimits>) =>
    compilePrompt(
      {
        type: "chat",
        engine,
        template: [
          { role: "system", content: loop },
          { role: "user", content: loop },
          { role: "assistant", content: loop },
        ],
        inputSchema: null,
        outputSchema: null,
        config: {},
        metadata: {},
      },
      { renderLimits },
    );

  it("adds up the loop iterations of all messages", () => {
    // Each message: 1 outer + 4 inner = 5 iterations; the three together: 15.
    expect(chat({ maxLoopIterations: 15 }).render(loops(1, 4, "a"))).toMatchObject({
      messages: [{ content: [{ text: "aaaa" }] }, {}, {}],
    });
    const error = thrown(() => chat({ maxLoopIterations: 12 }).render(loops(1, 4, "a")));
    expect(error.details).toEqual({ engine, limit: "maxLoopIterations", value: 12 });
  });

  it("checks the output of all messages together", () => {
    expect(() => chat({ maxOutputBytes: 12 }).render(loops(1, 4, "a"))).not.toThrow();
    const error = thrown(() => chat({ maxOutputBytes: 11 }).render(loops(1, 4, "a")));
    expect(error.details).toEqual({ engine, limit: "maxOutputBytes", value: 11 });
  });
});
