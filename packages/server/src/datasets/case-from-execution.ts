import type { Execution, TestCase } from "@quire/core";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A test case from a logged execution. The execution log keeps no output text and no variables
 * of its own: what an application put in the record's metadata is used — `metadata.variables`
 * (an object) as the case's variables and `metadata.output` as its expected value — and the
 * case's metadata says where it came from (execution id, prompt, version, label, model, time).
 */
export function caseFromExecution(execution: Execution, caseId: string | undefined): TestCase {
  const { metadata } = execution;
  const testCase: TestCase = {
    id: caseId ?? execution.id,
    variables: isObject(metadata.variables) ? metadata.variables : {},
    metadata: {
      source: "execution",
      executionId: execution.id,
      promptName: execution.promptName,
      version: execution.version,
      label: execution.label,
      model: execution.model,
      executedAt: execution.createdAt,
    },
  };
  if (metadata.output !== undefined && metadata.output !== null) {
    testCase.expected = metadata.output;
  }
  return testCase;
}
