import { describe, expect, it } from "vitest";
import {
  ingestExecutionsRequestSchema,
  listExecutionsQuerySchema,
  maximumExecutionBatchSize,
  newExecutionSchema,
} from "./execution.js";

const minimal = { promptName: "support/triage", model: "gpt-4o", success: true };

function problems(value: unknown): string[] {
  const result = newExecutionSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("newExecutionSchema", () => {
  it("needs only promptName, model and success, and accepts null for unknown fields", () => {
    expect(problems(minimal)).toEqual([]);
    expect(problems({ ...minimal, version: null, cost: null, metadata: null })).toEqual([]);
    expect(problems({ model: "m", success: true }).sort()).toEqual(["promptName"]);
    expect(problems({ promptName: "p" }).sort()).toEqual(["model", "success"]);
  });

  it("refuses what the database could not store or what makes no sense", () => {
    expect(problems({ ...minimal, model: "gpt\u0000" })).toEqual(["model"]);
    expect(problems({ ...minimal, metadata: { note: "a\u0000b" } })).toEqual(["metadata"]);
    expect(problems({ ...minimal, inputTokens: -1 })).toEqual(["inputTokens"]);
    expect(problems({ ...minimal, inputTokens: 1.5 })).toEqual(["inputTokens"]);
    expect(problems({ ...minimal, promptName: "bad name" })).toEqual(["promptName"]);
    expect(problems({ ...minimal, clientId: "" })).toEqual(["clientId"]);
    expect(problems({ ...minimal, createdAt: "yesterday" })).toEqual(["createdAt"]);
  });

  it("accepts a past or slightly skewed createdAt but not one days ahead", () => {
    const hour = 60 * 60 * 1000;
    expect(problems({ ...minimal, createdAt: "2020-01-01T00:00:00+02:00" })).toEqual([]);
    expect(problems({ ...minimal, createdAt: new Date(Date.now() + hour).toISOString() })).toEqual(
      [],
    );
    expect(
      problems({ ...minimal, createdAt: new Date(Date.now() + 48 * hour).toISOString() }),
    ).toEqual(["createdAt"]);
  });
});

describe("the batch and list contracts", () => {
  it("documents the batch limit", () => {
    const batch = (size: number) => ({ executions: Array.from({ length: size }, () => minimal) });
    expect(ingestExecutionsRequestSchema.safeParse(batch(maximumExecutionBatchSize)).success).toBe(
      true,
    );
    expect(
      ingestExecutionsRequestSchema.safeParse(batch(maximumExecutionBatchSize + 1)).success,
    ).toBe(false);
  });

  it('reads success as "true" or "false" (not any non-empty string as true)', () => {
    expect(listExecutionsQuerySchema.parse({ success: "false" }).success).toBe(false);
    expect(listExecutionsQuerySchema.parse({ success: "true" }).success).toBe(true);
    expect(listExecutionsQuerySchema.safeParse({ success: "yes" }).success).toBe(false);
    expect(listExecutionsQuerySchema.parse({ version: "3", prompt: "a/b" })).toMatchObject({
      version: 3,
      limit: 50,
    });
  });
});
