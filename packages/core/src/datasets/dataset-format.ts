import type { TestCase } from "../evaluation/test-case.js";
import { parseCsvDataset } from "./csv-dataset.js";
import { serializeCsvDataset } from "./csv-serialize.js";
import { datasetError } from "./dataset-error.js";
import {
  parseJsonDataset,
  parseJsonLinesDataset,
  serializeJsonDataset,
  serializeJsonLinesDataset,
} from "./json-dataset.js";

export type DatasetFormat = "csv" | "json" | "jsonl";

export const DATASET_FORMATS: readonly DatasetFormat[] = ["csv", "json", "jsonl"];

export interface ParseDatasetOptions {
  format: DatasetFormat;
  /** The file or upload name, used in error messages. */
  source?: string;
}

/**
 * Reads test cases from CSV (a real parser: quoted, multi-line fields), a JSON array, or JSONL.
 * Bad input throws a VALIDATION_FAILED QuireError whose message and details name the row (or
 * line) and column and say how to fix it. Cases without an id get `case-<n>` (1-based).
 * CSV columns follow promptfoo's conventions; see csv-dataset.ts for the full list.
 */
export function parseDataset(text: string, options: ParseDatasetOptions): TestCase[] {
  const withoutByteOrderMark = text.startsWith("\uFEFF") ? text.slice(1) : text;
  switch (options.format) {
    case "csv":
      return parseCsvDataset(withoutByteOrderMark, options.source);
    case "json":
      return parseJsonDataset(withoutByteOrderMark, options.source);
    case "jsonl":
      return parseJsonLinesDataset(withoutByteOrderMark, options.source);
    default:
      throw unknownFormat(options.format);
  }
}

/** Writes cases in a format `parseDataset` reads back to the same cases. */
export function serializeDataset(cases: readonly TestCase[], format: DatasetFormat): string {
  switch (format) {
    case "csv":
      return serializeCsvDataset(cases);
    case "json":
      return serializeJsonDataset(cases);
    case "jsonl":
      return serializeJsonLinesDataset(cases);
    default:
      throw unknownFormat(format);
  }
}

function unknownFormat(format: unknown): Error {
  return datasetError(
    { field: "format" },
    `"${String(format)}" is not a dataset format`,
    `Use one of ${DATASET_FORMATS.join(", ")}.`,
  );
}
