import { defaultRenderLimits, isQuireError } from "@quire/core";
import { describe, expect, it } from "vitest";
import { buildEvalPrompts } from "../evaluation/eval-prompts.js";
import { parseConfigText } from "./load-config-file.js";
import { localRenderLimits } from "./local-render-limits.js";

function withRender(toml: string) {
  const values = parseConfigText(toml, "quire.toml");
  return { file: { path: "quire.toml", label: "quire.toml", values } } as unknown as Parameters<
    typeof localRenderLimits
  >[0];
}

describe("localRenderLimits", () => {
  it("takes QUIRE_RENDER_* over quire.toml's [render] over core's defaults", () => {
    expect(localRenderLimits({ file: undefined }, {})).toEqual(defaultRenderLimits);
    const config = withRender("[render]\nmaxRenderMs = 250\nmaxLoopIterations = 5000\n");
    expect(localRenderLimits(config, {})).toEqual({
      ...defaultRenderLimits,
      maxRenderMs: 250,
      maxLoopIterations: 5000,
    });
    expect(
      localRenderLimits(config, {
        QUIRE_RENDER_MAX_LOOP_ITERATIONS: "42",
        QUIRE_RENDER_MAX_OUTPUT_BYTES: "2048",
      }),
    ).toEqual({ maxRenderMs: 250, maxLoopIterations: 42, maxOutputBytes: 2048 });
  });

  it("refuses a bad variable, naming it", () => {
    for (const [variable, value] of [
      ["QUIRE_RENDER_MAX_MS", "0"],
      ["QUIRE_RENDER_MAX_MS", "fast"],
      ["QUIRE_RENDER_MAX_OUTPUT_BYTES", "10"],
      ["QUIRE_RENDER_MAX_LOOP_ITERATIONS", "1.5"],
    ] as const) {
      let caught: unknown;
      try {
        localRenderLimits({ file: undefined }, { [variable]: value });
      } catch (error) {
        caught = error;
      }
      expect(isQuireError(caught) && caught.code, variable).toBe("CONFIG_INVALID");
      expect((caught as Error).message).toContain(variable);
    }
  });

  it("stops quire eval's inline prompt with a runaway loop at the configured limit", async () => {
    const [prompt] = await buildEvalPrompts(
      [{ id: "loop", raw: "{% for a in items %}{% for b in items %}x{% endfor %}{% endfor %}" }],
      {
        configDirectory: ".",
        workingDirectory: ".",
        configLabel: "eval.yaml",
        client: () => {
          throw new Error("no server here");
        },
        renderLimits: { ...defaultRenderLimits, maxLoopIterations: 500, maxRenderMs: 60_000 },
      },
    );
    const items = Array.from({ length: 100 }, (_, index) => index);
    await expect(prompt?.render({ items })).rejects.toMatchObject({
      code: "TEMPLATE_RENDER",
      details: { limit: "maxLoopIterations", value: 500 },
    });
    await expect(prompt?.render({ items: [1, 2] })).resolves.toBeDefined();
  });
});
