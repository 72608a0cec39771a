import type { AssertionSpec } from "../evaluation/assertion-spec.js";
import type { TestCase } from "../evaluation/test-case.js";
import { parseAssertionString, splitList } from "./assertion-string.js";
import { type CsvRecord, readCsvRecords } from "./csv-rows.js";
import { assignIds, checkAssertions, checkId } from "./dataset-case.js";
import { type DatasetLocation, datasetError, setOwn } from "./dataset-error.js";
import { emptyFile } from "./json-dataset.js";
import { parseJsonText } from "./json-position.js";

/**
 * CSV columns, close to promptfoo's:
 * - a plain column is a variable; its cell is the string value (an empty cell is "").
 * - `__id`: the case id (any text of 1 to 200 characters, unique in the file; an empty cell is an
 *   error). Without the column, cases get `case-<n>`. A plain `id` column is a variable like any
 *   other, so a template can still use `{{id}}`.
 * - `__expected`: an assertion string (`contains: refund`, `similar(0.8): …`) becomes an
 *   assertion; any other text is the expected value. `__expected1`…`__expectedN`: more
 *   assertion strings (plain text there is an `equals` assertion, as in promptfoo).
 * - `__description`: metadata.description. `__metadata:<key>`: metadata, a string (empty cell:
 *   absent); `__metadata:<key>[]`: a comma-separated list (`\,` for a literal comma).
 * Quire's own columns, which its export writes so every case reads back unchanged:
 * - `__json:<name>`: a variable whose cell is JSON (objects, numbers…; empty cell: absent).
 * - `__metadata_json:<key>`: a metadata field as JSON (empty cell: absent).
 * - `__expected_json`: the expected value as JSON (empty cell: absent).
 * - `__assertions`: a JSON array of assertion specs (empty cell: none).
 */
type ColumnRole =
  | { kind: "variable"; name: string }
  | { kind: "json-variable"; name: string }
  | { kind: "id" }
  | { kind: "expected"; extra: boolean }
  | { kind: "expected-json" }
  | { kind: "assertions" }
  | { kind: "description" }
  | { kind: "metadata"; key: string; list: boolean }
  | { kind: "json-metadata"; key: string };

const KNOWN_SPECIAL_COLUMNS =
  "__id, __expected, __expected1…N, __description, __metadata:<key>, __metadata:<key>[], __json:<name>, __metadata_json:<key>, __expected_json, __assertions";

function columnRole(name: string, location: DatasetLocation): ColumnRole {
  if (!name.startsWith("__")) return { kind: "variable", name };
  if (name === "__id") return { kind: "id" };
  if (name === "__expected") return { kind: "expected", extra: false };
  if (/^__expected\d+$/.test(name)) return { kind: "expected", extra: true };
  if (name === "__expected_json") return { kind: "expected-json" };
  if (name === "__assertions") return { kind: "assertions" };
  if (name === "__description") return { kind: "description" };
  const prefixed = (prefix: string): string | undefined => {
    const rest = name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
    return rest === "" ? undefined : rest;
  };
  const json = prefixed("__json:");
  if (json !== undefined) return { kind: "json-variable", name: json };
  const jsonMetadata = prefixed("__metadata_json:");
  if (jsonMetadata !== undefined) return { kind: "json-metadata", key: jsonMetadata };
  const metadata = prefixed("__metadata:");
  if (metadata !== undefined) {
    return metadata.endsWith("[]") && metadata.length > 2
      ? { kind: "metadata", key: metadata.slice(0, -2), list: true }
      : { kind: "metadata", key: metadata, list: false };
  }
  throw datasetError(
    location,
    `"${name}" is not a column Quire knows (names starting with __ are reserved)`,
    `Use one of ${KNOWN_SPECIAL_COLUMNS}, or rename the column if it is a variable.`,
  );
}

export function parseCsvDataset(text: string, source: string | undefined): TestCase[] {
  const records = readCsvRecords(text, source);
  const [header, ...rows] = records;
  if (header === undefined)
    throw emptyFile(source, "a header row of column names and one row per case");
  const roles = readHeader(header, source);
  const locations: DatasetLocation[] = [];
  // A duplicate id is reported at the __id column when the file has one.
  const idColumn = roles.some((role) => role.kind === "id") ? { columnName: "__id" } : {};
  const cases = rows.map((record, index) => {
    const location = { source, line: record.line, row: index + 1 };
    locations.push({ ...location, ...idColumn });
    if (record.cells.length !== header.cells.length) {
      const more = record.cells.length > header.cells.length;
      throw datasetError(
        location,
        `the row has ${record.cells.length} fields but the header has ${header.cells.length}`,
        more
          ? 'Quote fields that contain commas ("a, b") or add the missing column names to the header.'
          : "Add the missing fields (empty ones as just a comma) so every row has one field per column.",
      );
    }
    return caseFromRow(record, roles, header.cells, location);
  });
  return assignIds(cases, locations);
}

function readHeader(header: CsvRecord, source: string | undefined): ColumnRole[] {
  const seen = new Map<string, number>();
  return header.cells.map((name, index) => {
    const location = {
      source,
      line: header.line,
      row: 0,
      columnName: name,
      field: `column ${index + 1}`,
    };
    if (name === "") {
      throw datasetError(
        location,
        `column ${index + 1} of the header has no name`,
        "Name every column in the first row.",
      );
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw datasetError(
        location,
        `the header names "${name}" twice (columns ${earlier + 1} and ${index + 1})`,
        "Rename or remove one of them; each column must have its own name.",
      );
    }
    seen.set(name, index);
    return columnRole(name, location);
  });
}

function caseFromRow(
  record: CsvRecord,
  roles: readonly ColumnRole[],
  names: readonly string[],
  rowLocation: DatasetLocation,
): Omit<TestCase, "id"> & { id?: string } {
  const variables: Record<string, unknown> = {};
  const metadata: Record<string, unknown> = {};
  const assertions: AssertionSpec[] = [];
  const extraAssertions: AssertionSpec[] = [];
  const testCase: Omit<TestCase, "id"> & { id?: string } = { variables };
  record.cells.forEach((cell, index) => {
    const role = roles[index] as ColumnRole;
    const location = { ...rowLocation, columnName: names[index], field: names[index] };
    const json = (what: string): unknown =>
      parseJsonText(
        cell,
        { source: rowLocation.source, lineOffset: (rowLocation.line ?? 1) - 1 },
        what,
      );
    switch (role.kind) {
      case "variable":
        setOwn(variables, role.name, cell);
        return;
      case "json-variable":
        if (cell !== "")
          setOwn(variables, role.name, json(`variable "${role.name}" (row ${rowLocation.row})`));
        return;
      case "id":
        if (cell === "") {
          throw datasetError(
            location,
            "the case id is empty",
            "Give every row an id in the __id column (ids are what comparisons and --resume pair on), or remove the column to get case-<n> ids.",
          );
        }
        testCase.id = checkId(cell, location);
        return;
      case "expected":
        readExpected(
          cell,
          role.extra,
          location,
          testCase,
          role.extra ? extraAssertions : assertions,
        );
        return;
      case "expected-json":
        if (cell !== "") testCase.expected = json(`__expected_json (row ${rowLocation.row})`);
        return;
      case "assertions":
        if (cell !== "") {
          extraAssertions.push(
            ...checkAssertions(json(`__assertions (row ${rowLocation.row})`), location),
          );
        }
        return;
      case "description":
        if (cell !== "") setOwn(metadata, "description", cell);
        return;
      case "metadata":
        if (cell !== "") setOwn(metadata, role.key, role.list ? splitList(cell) : cell);
        return;
      case "json-metadata":
        if (cell !== "")
          setOwn(metadata, role.key, json(`metadata "${role.key}" (row ${rowLocation.row})`));
        return;
    }
  });
  const allAssertions = [...assertions, ...extraAssertions];
  if (Object.keys(metadata).length > 0) testCase.metadata = metadata;
  if (allAssertions.length > 0) testCase.assertions = allAssertions;
  return testCase;
}

function readExpected(
  cell: string,
  extra: boolean,
  location: DatasetLocation,
  testCase: { expected?: unknown },
  assertions: AssertionSpec[],
): void {
  if (cell === "") return;
  const parsed = parseAssertionString(cell);
  if (parsed.kind === "invalid") throw datasetError(location, parsed.problem, parsed.fix);
  if (parsed.kind === "assertion") assertions.push(parsed.assertion);
  else if (extra) assertions.push({ type: "equals", value: cell });
  else testCase.expected = cell;
}
