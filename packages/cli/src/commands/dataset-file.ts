import { readFileSync } from "node:fs";
import path from "node:path";
import { DATASET_FORMATS, type DatasetFormat, parseDataset, type TestCase } from "@quire/core";
import { UsageError } from "../usage-error.js";

const formatsByExtension: Record<string, DatasetFormat> = {
  ".csv": "csv",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/** `--format`, checked: undefined when not given. */
export function formatOption(value: string | undefined): DatasetFormat | undefined {
  if (value === undefined) return undefined;
  const format = DATASET_FORMATS.find((known) => known === value.toLowerCase());
  if (format === undefined) {
    throw new UsageError(
      `--format must be one of ${DATASET_FORMATS.join(", ")}, got ${JSON.stringify(value)}`,
      { option: "format", value },
    );
  }
  return format;
}

/** The format a file's extension names (`.csv`, `.json`, `.jsonl`, `.ndjson`), if any. */
export function formatOfFileName(fileName: string): DatasetFormat | undefined {
  return formatsByExtension[path.extname(fileName).toLowerCase()];
}

export interface DatasetFile {
  /** The path as given, for messages. */
  source: string;
  text: string;
  format: DatasetFormat;
  /** Parsed here first, so a malformed file is reported with its own name, row and column. */
  cases: TestCase[];
}

/**
 * Reads and parses a dataset file with core's parser. The format is `--format`, else the
 * extension's; a file that cannot be read, or whose format cannot be told, is a usage error
 * (exit 2); a malformed file is core's VALIDATION_FAILED error (exit 1).
 */
export function readDatasetFile(
  fileName: string,
  formatFlag: string | undefined,
  workingDirectory: string,
): DatasetFile {
  const format = formatOption(formatFlag) ?? formatOfFileName(fileName);
  if (format === undefined) {
    throw new UsageError(
      `cannot tell the format of ${fileName} from its extension: give --format ${DATASET_FORMATS.join("|")}`,
      { file: fileName },
    );
  }
  let text: string;
  try {
    text = readFileSync(path.resolve(workingDirectory, fileName), "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : (error as NodeJS.ErrnoException).code === "EISDIR"
          ? "it is a folder"
          : error instanceof Error
            ? error.message
            : String(error);
    throw new UsageError(`cannot read ${fileName}: ${reason}; check the path`, {
      file: fileName,
    });
  }
  // A malformed file is core's VALIDATION_FAILED (its row, column and fix), thrown as is: the
  // command line was right, the file is wrong, so it exits 1 like any failed command (2 is for
  // the command line itself: an unknown --format, a path that cannot be read).
  return {
    source: fileName,
    text,
    format,
    cases: parseDataset(text, { format, source: fileName }),
  };
}
