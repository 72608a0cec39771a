import { type AssertionSpec, assertionSpecSchema } from "../evaluation/assertion-spec.js";
import type { TestCase } from "../evaluation/test-case.js";
import { type DatasetLocation, datasetError, setOwn } from "./dataset-error.js";

const ITEM_KEYS = [
  "id",
  "vars",
  "variables",
  "expected",
  "metadata",
  "assert",
  "assertions",
  "description",
];
const MAXIMUM_ID_LENGTH = 200;

/** The location with `field` appended to any field it already names (`[3]` + `vars` → `[3].vars`). */
function at(location: DatasetLocation, field: string): DatasetLocation {
  return {
    ...location,
    field: location.field === undefined ? field : `${location.field}.${field}`,
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Copies own entries into a fresh record (keeps `__proto__` as a plain key). */
export function copyRecord(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) setOwn(copy, key, value);
  return copy;
}

/**
 * One JSON or JSONL item, `{id?, vars|variables, expected?, metadata?, assert|assertions?,
 * description?}` (promptfoo's `vars`/`assert` and Quire's `variables`/`assertions` both work;
 * promptfoo's `description` goes to `metadata.description`), as a case without its final id.
 */
export function caseFromItem(
  item: unknown,
  location: DatasetLocation,
): Omit<TestCase, "id"> & { id?: string } {
  if (!isPlainObject(item)) {
    throw datasetError(
      location,
      `a case must be a JSON object, but this is ${describeJson(item)}`,
      'Write each case as {"vars": {...}, "expected": ..., "assert": [...]}.',
    );
  }
  const unknownKey = Object.keys(item).find((key) => !ITEM_KEYS.includes(key));
  if (unknownKey !== undefined) {
    throw datasetError(
      at(location, unknownKey),
      `"${unknownKey}" is not a field of a case`,
      `Use only ${ITEM_KEYS.join(", ")}; put anything else under "metadata".`,
    );
  }
  const variables = pickOne(item, "vars", "variables", location) ?? {};
  if (!isPlainObject(variables)) {
    throw datasetError(
      at(location, item.vars === undefined ? "variables" : "vars"),
      `vars must be an object of variable names to values, but it is ${describeJson(variables)}`,
      'Write it as "vars": {"question": "..."}.',
    );
  }
  const testCase: Omit<TestCase, "id"> & { id?: string } = { variables: copyRecord(variables) };
  if (item.id !== undefined) testCase.id = checkId(item.id, at(location, "id"));
  if (item.expected !== undefined) testCase.expected = item.expected;
  const metadata = readMetadata(item, location);
  if (metadata !== undefined) testCase.metadata = metadata;
  const assertions = pickOne(item, "assert", "assertions", location);
  if (assertions !== undefined) {
    testCase.assertions = checkAssertions(
      assertions,
      at(location, item.assert === undefined ? "assertions" : "assert"),
    );
  }
  return testCase;
}

function readMetadata(
  item: Record<string, unknown>,
  location: DatasetLocation,
): Record<string, unknown> | undefined {
  if (item.metadata !== undefined && !isPlainObject(item.metadata)) {
    throw datasetError(
      at(location, "metadata"),
      `metadata must be an object, but it is ${describeJson(item.metadata)}`,
      'Write it as "metadata": {"category": "billing"}.',
    );
  }
  if (item.description === undefined)
    return item.metadata === undefined ? undefined : copyRecord(item.metadata);
  const metadata = item.metadata === undefined ? {} : copyRecord(item.metadata);
  setOwn(metadata, "description", item.description);
  return metadata;
}

function pickOne(
  item: Record<string, unknown>,
  promptfooName: string,
  quireName: string,
  location: DatasetLocation,
): unknown {
  if (item[promptfooName] !== undefined && item[quireName] !== undefined) {
    throw datasetError(
      at(location, quireName),
      `the case has both "${promptfooName}" and "${quireName}"`,
      `Keep one of them (they mean the same).`,
    );
  }
  return item[promptfooName] ?? item[quireName];
}

/** Validates assertion specs (AssertionSpec's schema) and names the first bad one. */
export function checkAssertions(value: unknown, location: DatasetLocation): AssertionSpec[] {
  const field = location.field ?? "assert";
  if (!Array.isArray(value)) {
    throw datasetError(
      { ...location, field },
      `${field} must be a list of assertions, but it is ${describeJson(value)}`,
      `Write it as "${field.split(".").pop() ?? field}": [{"type": "contains", "value": "refund"}].`,
    );
  }
  const parsed = assertionSpecSchema.array().safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? [])
    .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
    .join("");
  throw datasetError(
    { ...location, field: `${field}${path}` },
    `an assertion is malformed (${issue?.message ?? "invalid"})`,
    'Each assertion is {"type": "...", "value"?, "threshold"?, "weight"?, "options"?, "provider"?, "metric"?, "assert"?}.',
  );
}

export function checkId(value: unknown, location: DatasetLocation): string {
  if (typeof value !== "string" || value === "" || value.length > MAXIMUM_ID_LENGTH) {
    throw datasetError(
      location,
      `the case id must be a non-empty string of at most ${MAXIMUM_ID_LENGTH} characters, but it is ${describeJson(value)}`,
      "Give the case a short text id, or leave it out to get case-<n>.",
    );
  }
  return value;
}

/**
 * Gives cases without an id `case-<n>` (n their 1-based position) and rejects duplicate ids,
 * naming both places.
 */
export function assignIds(
  cases: ReadonlyArray<Omit<TestCase, "id"> & { id?: string }>,
  locations: readonly DatasetLocation[],
): TestCase[] {
  const firstSeen = new Map<string, number>();
  return cases.map((testCase, index) => {
    const id = testCase.id ?? `case-${index + 1}`;
    const earlier = firstSeen.get(id);
    if (earlier !== undefined) {
      const location = locations[index] ?? {};
      throw datasetError(
        { ...location, field: location.columnName ?? "id" },
        `case id "${id}" is used twice (cases ${earlier + 1} and ${index + 1})`,
        "Give every case its own id; ids are what run comparisons pair on.",
      );
    }
    firstSeen.set(id, index);
    return { ...testCase, id };
  });
}

export function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
