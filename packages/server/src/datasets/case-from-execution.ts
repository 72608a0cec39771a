import type { Execution, TestCase } from "@quire/core";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A test case from a logged execution: its variables, and its output text as the expected value.
 * The log keeps both since migration 0010; an older row (or a record ingested without them)
 * falls back to what an application put in the metadata — `metadata.variables` (an object) and
 * `metadata.output`. The case's metadata says where it came from (execution id, prompt, version,
 * label, model, time; `contentTruncated` when the log had cut the content).
 */
export function caseFromExecution(execution: Execution, caseId: string | undefined): TestCase {
  const { metadata } = execution;
  const variables = execution.variables ?? (isObject(metadata.variables) ? metadata.variables : {});
  const expected = execution.output ?? metadata.output;
  const testCase: TestCase = {
    id: caseId ?? execution.id,
    variables,
    metadata: {
      source: "execution",
      executionId: execution.id,
      promptName: execution.promptName,
      version: execution.version,
      label: execution.label,
      model: execution.model,
      executedAt: execution.createdAt,
      ...(execution.contentTruncated ? { contentTruncated: true } : {}),
    },
  };
  if (expected !== undefined && expected !== null) testCase.expected = expected;
  return testCase;
}
