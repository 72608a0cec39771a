import type { TestCase } from "../evaluation/test-case.js";
import { parseAssertionString } from "./assertion-string.js";
import { writeCsvRecords } from "./csv-rows.js";
import { datasetError } from "./dataset-error.js";

interface OutputColumn {
  name: string;
  cell: (testCase: TestCase) => string;
}

const json = (value: unknown): string => (value === undefined ? "" : JSON.stringify(value));

/**
 * Writes cases as CSV that `parseCsvDataset` reads back to the same cases. A variable whose
 * value is a string in every case gets a plain column; otherwise (numbers, objects, arrays, or
 * missing in some case) a `__json:<name>` column of JSON cells, empty where the case lacks it.
 * Metadata likewise (`__metadata:<key>` when every present value is a non-empty string,
 * `__metadata_json:<key>` otherwise). The expected value goes in `__expected` when it is text that
 * does not read as an assertion string, else in `__expected_json`; assertions go in
 * `__assertions` as a JSON array. Empty metadata or assertion lists are not written.
 */
export function serializeCsvDataset(cases: readonly TestCase[]): string {
  const columns: OutputColumn[] = [{ name: "__id", cell: (testCase) => testCase.id }];
  for (const name of keysOf(cases.map((testCase) => testCase.variables))) {
    if (name === "" || name.startsWith("__")) {
      throw datasetError(
        { field: `variables.${name}` },
        `variable name "${name}" cannot be a CSV column (empty names and names starting with __ are reserved)`,
        "Rename the variable, or export as json or jsonl.",
      );
    }
    const plain = cases.every((testCase) => typeof ownValue(testCase.variables, name) === "string");
    columns.push(
      plain
        ? { name, cell: (testCase) => ownValue(testCase.variables, name) as string }
        : { name: `__json:${name}`, cell: (testCase) => json(ownValue(testCase.variables, name)) },
    );
  }
  const expectedPlain = cases.every(
    (testCase) =>
      testCase.expected === undefined ||
      (typeof testCase.expected === "string" &&
        testCase.expected !== "" &&
        parseAssertionString(testCase.expected).kind === "text"),
  );
  if (cases.some((testCase) => testCase.expected !== undefined)) {
    columns.push(
      expectedPlain
        ? {
            name: "__expected",
            cell: (testCase) => (testCase.expected as string | undefined) ?? "",
          }
        : { name: "__expected_json", cell: (testCase) => json(testCase.expected) },
    );
  }
  for (const key of keysOf(cases.map((testCase) => testCase.metadata ?? {}))) {
    if (key === "") {
      throw datasetError(
        { field: "metadata" },
        "a metadata field with an empty name cannot be a CSV column",
        "Name the field, or export as json or jsonl.",
      );
    }
    const plain =
      !key.endsWith("[]") &&
      cases.every((testCase) => {
        const value = ownValue(testCase.metadata ?? {}, key);
        return value === undefined || (typeof value === "string" && value !== "");
      });
    columns.push(
      plain
        ? {
            name: `__metadata:${key}`,
            cell: (testCase) =>
              (ownValue(testCase.metadata ?? {}, key) as string | undefined) ?? "",
          }
        : {
            name: `__metadata_json:${key}`,
            cell: (testCase) => json(ownValue(testCase.metadata ?? {}, key)),
          },
    );
  }
  if (cases.some((testCase) => (testCase.assertions?.length ?? 0) > 0)) {
    columns.push({
      name: "__assertions",
      cell: (testCase) => ((testCase.assertions?.length ?? 0) > 0 ? json(testCase.assertions) : ""),
    });
  }
  const rows = [
    columns.map((column) => column.name),
    ...cases.map((testCase) => columns.map((column) => column.cell(testCase))),
  ];
  return writeCsvRecords(rows);
}

function ownValue(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Keys in first-seen order across records. */
function keysOf(records: ReadonlyArray<Record<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return [...keys];
}
