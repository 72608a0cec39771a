import type { TestCase } from "../evaluation/test-case.js";
import { assignIds, caseFromItem, describeJson } from "./dataset-case.js";
import { type DatasetLocation, datasetError, lineIndex } from "./dataset-error.js";
import { jsonArrayItemOffsets, parseJsonText } from "./json-position.js";

/** A JSON array of case items. */
export function parseJsonDataset(text: string, source: string | undefined): TestCase[] {
  if (text.trim() === "") throw emptyFile(source, "a JSON array of cases");
  const parsed = parseJsonText(text, { source }, "the file");
  if (!Array.isArray(parsed)) {
    throw datasetError(
      { source, line: 1, column: 1 },
      `the file must hold a JSON array of cases, but it holds ${describeJson(parsed)}`,
      'Wrap the cases in [ ... ], e.g. [{"vars": {"question": "..."}}], or use the jsonl format for one case per line.',
    );
  }
  const offsets = jsonArrayItemOffsets(text);
  const positionOf = lineIndex(text);
  const locations: DatasetLocation[] = parsed.map((_item, index) => {
    const offset = offsets[index];
    const position = offset === undefined ? {} : positionOf(offset);
    return { source, ...position, field: `[${index}]` };
  });
  const cases = parsed.map((item, index) => caseFromItem(item, locations[index] ?? { source }));
  return assignIds(cases, locations);
}

/** One case item per line; blank lines are skipped. */
export function parseJsonLinesDataset(text: string, source: string | undefined): TestCase[] {
  const lines = text.split(/\r\n|\n|\r/);
  const cases: Array<ReturnType<typeof caseFromItem>> = [];
  const locations: DatasetLocation[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === "") return;
    const location = { source, line: index + 1 };
    const parsed = parseJsonText(line, { source, lineOffset: index }, `line ${index + 1}`);
    cases.push(caseFromItem(parsed, location));
    locations.push(location);
  });
  if (cases.length === 0) throw emptyFile(source, "one JSON object per line");
  return assignIds(cases, locations);
}

export function emptyFile(source: string | undefined, expected: string): Error {
  return datasetError({ source }, "the file is empty", `It must hold ${expected}.`);
}

/** A case as a promptfoo-style item: `{id, vars, expected?, metadata?, assert?}`. */
export function caseToItem(testCase: TestCase): Record<string, unknown> {
  const item: Record<string, unknown> = { id: testCase.id, vars: testCase.variables };
  if (testCase.expected !== undefined) item.expected = testCase.expected;
  if (testCase.metadata !== undefined) item.metadata = testCase.metadata;
  if (testCase.assertions !== undefined) item.assert = testCase.assertions;
  return item;
}

export function serializeJsonDataset(cases: readonly TestCase[]): string {
  return `${JSON.stringify(cases.map(caseToItem), null, 2)}\n`;
}

export function serializeJsonLinesDataset(cases: readonly TestCase[]): string {
  return cases.map((testCase) => `${JSON.stringify(caseToItem(testCase))}\n`).join("");
}
