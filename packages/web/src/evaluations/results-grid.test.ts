import type { EvalResult } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnKeyOf, formatRate, resultsGrid } from "./results-grid.js";

function result(overrides: Partial<EvalResult>): EvalResult {
  return {
    promptId: "support/reply:1",
    modelId: "local/echo",
    caseId: "c1",
    repeatIndex: 0,
    status: "passed",
    output: "ok",
    score: 1,
    assertions: [],
    latencyMs: 10,
    inputTokens: 3,
    outputTokens: 2,
    cachedInputTokens: 0,
    costUsd: null,
    cacheHit: false,
    finishedAt: "2026-11-21T10:00:00.000Z",
    ...overrides,
  };
}

describe("resultsGrid", () => {
  it("puts each case on a row and each prompt × model in a column, in the plan's order", () => {
    const grid = resultsGrid(
      [
        result({ caseId: "late", modelId: "local/mirror" }),
        result({ caseId: "early", status: "failed" }),
        result({ caseId: "late" }),
      ],
      { prompts: [{ id: "support/reply:1" }], models: ["local/echo", "local/mirror"] },
    );
    expect(grid.columns.map((column) => column.modelId)).toEqual(["local/echo", "local/mirror"]);
    expect(grid.rows).toEqual(["late", "early"]);
    const echo = columnKeyOf({ promptId: "support/reply:1", modelId: "local/echo" });
    expect(grid.cell("early", echo)?.status).toBe("failed");
    const mirror = grid.columns[1]?.key ?? "";
    expect(grid.cell("early", mirror)).toBeUndefined();
    expect(grid.cell("late", mirror)?.status).toBe("passed");
  });

  it("gives a cell of disagreeing repeats the status mixed, its results in repeat order", () => {
    const grid = resultsGrid([
      result({ repeatIndex: 1, status: "failed" }),
      result({ repeatIndex: 0, status: "passed" }),
    ]);
    const cell = grid.cell("c1", grid.columns[0]?.key ?? "");
    expect(cell?.status).toBe("mixed");
    expect(cell?.results.map((entry) => entry.repeatIndex)).toEqual([0, 1]);
  });

  it("places every result in exactly one cell (any results)", () => {
    const arbitraryResult = fc.record({
      caseId: fc.constantFrom("a", "b", "c"),
      promptId: fc.constantFrom("p:1", "p:2"),
      modelId: fc.constantFrom("m/x", "m/y"),
      repeatIndex: fc.nat(3),
      status: fc.constantFrom("passed" as const, "failed" as const, "errored" as const),
    });
    fc.assert(
      fc.property(fc.array(arbitraryResult, { maxLength: 30 }), (partials) => {
        const results = partials.map((partial) => result(partial));
        const grid = resultsGrid(results);
        let placed = 0;
        for (const row of grid.rows) {
          for (const column of grid.columns)
            placed += grid.cell(row, column.key)?.results.length ?? 0;
        }
        expect(placed).toBe(results.length);
        expect(new Set(grid.rows).size).toBe(grid.rows.length);
      }),
    );
  });

  it("formats rates", () => {
    expect(formatRate(0.875)).toBe("88%");
    expect(formatRate(null)).toBe("—");
  });
});
