import type { RunResponse } from "@quire/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ColumnRun,
  formatCost,
  formatDuration,
  idleRun,
  nextColumnRun,
} from "./column-run.js";

function result(overrides: Partial<RunResponse> = {}): RunResponse {
  return {
    prompt: "support/reply",
    version: 2,
    label: null,
    resolvedBy: "version",
    output: "echo: hello there",
    model: "local/echo",
    servedBy: "local/echo",
    failures: [],
    strategy: "direct",
    finishReason: "stop",
    parameters: {},
    usage: {
      inputTokens: 12,
      outputTokens: 3,
      cachedInputTokens: 0,
      estimated: false,
      modelCalls: 1,
    },
    cost: null,
    cacheHit: false,
    latencyMs: 95,
    timeToFirstTokenMs: null,
    provenance: { prompt: "support/reply", version: 2, contentHash: "h", components: [] },
    executionId: null,
    ...overrides,
  } as RunResponse;
}

describe("nextColumnRun", () => {
  it("streams text in, then keeps the server's answer with its first-text time", () => {
    let run: ColumnRun = nextColumnRun(idleRun, { type: "start", at: 1000 });
    run = nextColumnRun(run, { type: "delta", text: "", at: 1010 });
    run = nextColumnRun(run, { type: "delta", text: "echo: ", at: 1040 });
    run = nextColumnRun(run, { type: "delta", text: "hello", at: 1060 });
    expect(run).toMatchObject({ status: "running", output: "echo: hello", firstTextAt: 1040 });
    run = nextColumnRun(run, { type: "done", result: result() });
    expect(run).toMatchObject({ status: "done", output: "echo: hello there", firstTextMs: 40 });
  });

  it("prefers the server's time to first token when it gives one", () => {
    let run = nextColumnRun(idleRun, { type: "start", at: 0 });
    run = nextColumnRun(run, { type: "delta", text: "a", at: 500 });
    run = nextColumnRun(run, { type: "done", result: result({ timeToFirstTokenMs: 31 }) });
    expect(run).toMatchObject({ status: "done", firstTextMs: 31 });
  });

  it("keeps the text that came before an error, and ignores events after the run ended", () => {
    let run = nextColumnRun(idleRun, { type: "start", at: 0 });
    run = nextColumnRun(run, { type: "delta", text: "partial", at: 5 });
    const error = new Error("the model timed out");
    run = nextColumnRun(run, { type: "failed", error });
    expect(run).toEqual({ status: "failed", output: "partial", error });
    expect(nextColumnRun(run, { type: "delta", text: "late", at: 9 })).toBe(run);
    expect(nextColumnRun(run, { type: "done", result: result() })).toBe(run);
    expect(nextColumnRun(idleRun, { type: "delta", text: "x", at: 1 })).toBe(idleRun);
  });

  it("begins afresh on start, whatever came before", () => {
    const finished = nextColumnRun(nextColumnRun(idleRun, { type: "start", at: 0 }), {
      type: "done",
      result: result(),
    });
    expect(nextColumnRun(finished, { type: "start", at: 7 })).toEqual({
      status: "running",
      output: "",
      startedAt: 7,
      firstTextAt: null,
    });
  });

  it("shows exactly the concatenated deltas while running (any split of the text)", () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 20 }), (pieces) => {
        let run = nextColumnRun(idleRun, { type: "start", at: 0 });
        pieces.forEach((text, index) => {
          run = nextColumnRun(run, { type: "delta", text, at: index + 1 });
        });
        expect(run.status === "running" && run.output).toBe(pieces.join(""));
        const firstNonEmpty = pieces.findIndex((text) => text !== "");
        expect(run.status === "running" && run.firstTextAt).toBe(
          firstNonEmpty < 0 ? null : firstNonEmpty + 1,
        );
      }),
    );
  });
});

describe("formatting", () => {
  it("formats costs, marking estimates and missing prices", () => {
    expect(formatCost(null)).toBe("no price");
    expect(formatCost({ usd: 0, estimated: false, savedUsd: 0 })).toBe("$0");
    expect(formatCost({ usd: 0.000123, estimated: false, savedUsd: 0 })).toBe("$0.00012");
    expect(formatCost({ usd: 0.5, estimated: true, savedUsd: 0 })).toBe("≈$0.5000");
    expect(formatCost({ usd: 12.345, estimated: false, savedUsd: 0 })).toBe("$12.35");
  });

  it("formats durations", () => {
    expect(formatDuration(840.4)).toBe("840 ms");
    expect(formatDuration(2400)).toBe("2.40 s");
    expect(formatDuration(12_345)).toBe("12.3 s");
  });
});
