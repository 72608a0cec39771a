import Papa from "papaparse";
import { datasetError, lineIndex } from "./dataset-error.js";

/** One record of a CSV file with where it starts. */
export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
  /** 0-based character offset where the record starts. */
  offset: number;
}

/**
 * Splits CSV text into records with papaparse (RFC 4180: quoted fields may hold commas, quotes
 * as "" and line breaks). The delimiter is always a comma; the line break is detected. Blank
 * lines are skipped. An unterminated or malformed quote throws with its line and column.
 */
export function readCsvRecords(text: string, source: string | undefined): CsvRecord[] {
  const records: CsvRecord[] = [];
  const position = lineIndex(text);
  let offset = 0;
  let failure: Error | undefined;
  Papa.parse<string[]>(text, {
    delimiter: ",",
    quoteChar: '"',
    escapeChar: '"',
    step: (result, parser) => {
      const start = offset;
      offset = result.meta.cursor;
      const quoteError = result.errors.find((error) => error.type === "Quotes");
      if (quoteError !== undefined) {
        // papaparse reports the offset just past the opening quote.
        const reported = typeof quoteError.index === "number" ? quoteError.index : start + 1;
        const errorOffset = text[reported - 1] === '"' ? reported - 1 : reported;
        const { line, column } = position(errorOffset);
        const unclosed = quoteError.code === "MissingQuotes";
        const fieldIndex = Math.max(0, result.data.length - 1);
        const columnName = records[0]?.cells[fieldIndex];
        failure = datasetError(
          {
            source,
            line,
            column,
            row: records.length,
            columnName,
            field: columnName ?? `field ${fieldIndex + 1}`,
          },
          unclosed
            ? "a quoted field is never closed (its opening quote has no closing quote)"
            : "a quoted field has text after its closing quote",
          'Close the quote, and write a quote inside a quoted field as two quotes (""), e.g. "say ""hi""".',
        );
        parser.abort();
        return;
      }
      const raw = text.slice(start, offset).replace(/[\r\n]+$/, "");
      if (result.data.length === 1 && result.data[0] === "" && raw === "") return;
      records.push({ cells: result.data, line: position(start).line, offset: start });
    },
  });
  if (failure !== undefined) throw failure;
  return records;
}

/** Writes rows as CSV: comma-separated, `\n` line breaks, fields quoted when they need it. */
export function writeCsvRecords(rows: string[][]): string {
  if (rows.length === 0) return "";
  // A lone empty cell would be a blank line (skipped on reading), so it is written as "".
  const singleColumn = rows[0]?.length === 1;
  const quotes = (value: unknown): boolean => singleColumn && value === "";
  return `${Papa.unparse(rows, { delimiter: ",", newline: "\n", quotes, escapeFormulae: false })}\n`;
}
