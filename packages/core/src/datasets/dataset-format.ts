import type { TestCase } from "../evaluation/test-case.js";

export type DatasetFormat = "csv" | "json" | "jsonl";

export interface ParseDatasetOptions {
  format: DatasetFormat;
  /** The file or upload name, used in error messages. */
  source?: string;
}

/**
 * Reads test cases from CSV (a real parser: quoted, multi-line fields), a JSON array, or JSONL.
 * Bad input throws a VALIDATION_FAILED QuireError whose message and details name the row (or
 * line) and column and say how to fix it. Cases without an id get `case-<n>` (1-based).
 */
export function parseDataset(_text: string, _options: ParseDatasetOptions): TestCase[] {
  throw new Error("not implemented yet");
}

/** Writes cases in a format `parseDataset` reads back to the same cases. */
export function serializeDataset(_cases: readonly TestCase[], _format: DatasetFormat): string {
  throw new Error("not implemented yet");
}
