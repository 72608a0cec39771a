import type { Execution } from "@quire/core";
import { describe, expect, it } from "vitest";
import { caseFromExecution } from "./case-from-execution.js";

const execution: Execution = {
  id: "e-1",
  clientId: null,
  promptName: "support/triage",
  version: 3,
  label: "production",
  componentVersions: [],
  model: "local/echo",
  provider: "local",
  inputTokens: 10,
  outputTokens: 4,
  cachedTokens: null,
  latencyMs: 12,
  timeToFirstTokenMs: null,
  cost: null,
  costEstimated: false,
  success: true,
  errorClass: null,
  cacheHit: false,
  contextSignature: null,
  endUserId: null,
  sessionId: null,
  metadata: {},
  variables: null,
  output: null,
  contentTruncated: false,
  createdAt: "2026-11-21T10:00:00.000Z",
};

describe("caseFromExecution", () => {
  it("takes variables and the expected output from what the application logged", () => {
    const testCase = caseFromExecution(
      { ...execution, metadata: { variables: { q: "refund?" }, output: { answer: "5 days" } } },
      "refund",
    );
    expect(testCase).toEqual({
      id: "refund",
      variables: { q: "refund?" },
      expected: { answer: "5 days" },
      metadata: {
        source: "execution",
        executionId: "e-1",
        promptName: "support/triage",
        version: 3,
        label: "production",
        model: "local/echo",
        executedAt: "2026-11-21T10:00:00.000Z",
      },
    });
  });

  it("keeps what exists when the log holds no variables or output", () => {
    const testCase = caseFromExecution(
      { ...execution, metadata: { variables: ["not", "an", "object"] } },
      undefined,
    );
    expect(testCase.id).toBe("e-1");
    expect(testCase.variables).toEqual({});
    expect("expected" in testCase).toBe(false);
  });

  it("takes the logged variables and output first, and metadata's only for old rows", () => {
    const testCase = caseFromExecution(
      {
        ...execution,
        variables: { q: "where is my parcel?" },
        output: "It ships tomorrow.",
        contentTruncated: true,
        metadata: { variables: { q: "stale" }, output: "stale" },
      },
      undefined,
    );
    expect(testCase.variables).toEqual({ q: "where is my parcel?" });
    expect(testCase.expected).toBe("It ships tomorrow.");
    expect(testCase.metadata?.contentTruncated).toBe(true);
  });
});
