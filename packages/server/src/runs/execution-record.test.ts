import { describe, expect, it } from "vitest";
import { executionRecordOf, type RunEnding } from "./execution-record.js";
import type { PreparedRun } from "./prepare-run.js";

function prepared(version: number | null, variables: Record<string, unknown>): PreparedRun {
  return {
    name: "support/triage",
    request: { variables, metadata: { team: "care" } },
    rendered: {
      prompt: "support/triage",
      version,
      label: version === null ? null : "production",
      resolvedBy: version === null ? "draft" : "label",
      variables,
      text: "Triage",
      provenance: { prompt: "support/triage", version, components: [] },
    },
    messages: [],
    entries: [{ modelId: "local/echo", source: "the request's model" }],
    parameters: {},
    strategy: undefined,
    outputSchema: null,
    stablePrefixMessages: 0,
  };
}

const ending = (storeContent: boolean, output?: string): RunEnding => ({
  summary: {
    usage: {
      inputTokens: 3,
      outputTokens: 2,
      cachedInputTokens: 0,
      estimated: false,
      modelCalls: 1,
    },
    cost: undefined,
    servedBy: "local/echo",
    failures: [],
    cacheHit: false,
    finishReason: "stop",
  },
  model: "local/echo",
  strategy: "direct",
  latencyMs: 5,
  timeToFirstTokenMs: null,
  storeContent,
  ...(output === undefined ? {} : { output }),
});

describe("executionRecordOf", () => {
  it("records a draft with version null and metadata.draft, beside the caller's metadata", () => {
    const record = executionRecordOf(prepared(null, { q: "hi" }), ending(true, "hello"));
    expect(record).toMatchObject({
      version: null,
      label: null,
      metadata: { team: "care", draft: true },
      variables: { q: "hi" },
      output: "hello",
    });
    expect(record).not.toHaveProperty("contentTruncated");
    const saved = executionRecordOf(prepared(4, { q: "hi" }), ending(true, "hello"));
    expect(saved).toMatchObject({ version: 4, metadata: { team: "care" } });
    expect(saved.metadata).not.toHaveProperty("draft");
  });

  it("caps the content before it is buffered, and leaves it out when content logging is off", () => {
    const long = "y".repeat(100_000);
    const capped = executionRecordOf(prepared(1, { document: long }), ending(true, long));
    expect(capped.contentTruncated).toBe(true);
    expect(capped.output?.length).toBeLessThan(65_537);
    expect(String(capped.variables?.document).length).toBeLessThan(65_537);
    const off = executionRecordOf(prepared(1, { q: "hi" }), ending(false, "hello"));
    expect(off).not.toHaveProperty("variables");
    expect(off).not.toHaveProperty("output");
  });
});
