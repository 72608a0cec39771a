import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Colors } from "../cli-context.js";
import { UsageError } from "../usage-error.js";
import type { EvalReport } from "./eval-report.js";
import { formatReportHtml } from "./report-html.js";
import { formatReportJunit } from "./report-junit.js";
import { formatReportTable } from "./report-table.js";

export const outputFormats = ["table", "json", "junit", "html"] as const;
export type OutputFormat = (typeof outputFormats)[number];

const formatByExtension: Record<string, OutputFormat> = {
  ".json": "json",
  ".xml": "junit",
  ".html": "html",
  ".htm": "html",
  ".txt": "table",
};

export function parseOutputFormat(text: string): OutputFormat {
  const format = outputFormats.find((known) => known === text.trim().toLowerCase());
  if (format === undefined) {
    throw new UsageError(
      `--output must be one of ${outputFormats.join(", ")}, got ${JSON.stringify(text)}`,
      {
        option: "--output",
      },
    );
  }
  return format;
}

/** The format a file is written in, from its extension. */
export function formatOfFile(file: string): OutputFormat {
  const format = formatByExtension[path.extname(file).toLowerCase()];
  if (format === undefined) {
    throw new UsageError(
      `cannot tell the format of ${file} from its extension; use .json (results and summaries), .xml (JUnit), .html (a report to open) or .txt (the table)`,
      { option: "-o", file },
    );
  }
  return format;
}

export function formatReport(report: EvalReport, format: OutputFormat, colors: Colors): string {
  switch (format) {
    case "table":
      return formatReportTable(report, colors);
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "junit":
      return formatReportJunit(report);
    case "html":
      return formatReportHtml(report);
  }
}

/** Writes each file in the format of its extension (folders created); returns what it wrote. */
export function writeReportFiles(
  report: EvalReport,
  files: readonly string[],
  workingDirectory: string,
  plainColors: Colors,
): string[] {
  const written: string[] = [];
  for (const file of files) {
    const absolute = path.resolve(workingDirectory, file);
    mkdirSync(path.dirname(absolute), { recursive: true });
    writeFileSync(absolute, formatReport(report, formatOfFile(file), plainColors));
    written.push(path.relative(workingDirectory, absolute) || absolute);
  }
  return written;
}
