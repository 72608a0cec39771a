import path from "node:path";
import {
  type AssertionSpec,
  checkAssertionSpecs,
  type DatasetFormat,
  isQuireError,
  parseDataset,
  QuireError,
  type TestCase,
} from "@quire/core";
import { z } from "zod";
import { evalConfigError } from "./eval-config-problems.js";
import { type DefaultTest, type TestEntry, testEntrySchema } from "./eval-config-schema.js";
import {
  fileReferencePath,
  readReferencedFile,
  resolveConfigPath,
  withFileVariables,
} from "./file-reference.js";
import {
  formatPath,
  readStructuredFile,
  type StructuredFile,
  wherePrefix,
} from "./read-structured-file.js";

export interface TestsContext {
  file: StructuredFile;
  configDirectory: string;
  workingDirectory: string;
  defaultTest: DefaultTest;
}

const datasetFormats: Record<string, DatasetFormat> = {
  ".csv": "csv",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
};

/**
 * The run's cases: inline tests and the cases of every referenced file, with `defaultTest`'s
 * variables and metadata under each case's own. Each case's assertions are checked (unknown
 * types name the known ones). Ids: a test's `id`, else `test-<n>` for inline tests and the
 * dataset's ids for files (prefixed `<file>#` when several sources are used); duplicates refused.
 */
export function loadEvalTests(
  tests: string | (string | TestEntry)[],
  context: TestsContext,
): TestCase[] {
  const entries = typeof tests === "string" ? [tests] : tests;
  const sources = entries.filter((entry) => typeof entry === "string").length;
  const prefixFiles = sources > 1 || (sources === 1 && entries.length > 1);
  const cases: TestCase[] = [];
  const seen = new Map<string, string>();
  entries.forEach((entry, index) => {
    const where = typeof tests === "string" ? ["tests"] : ["tests", index];
    const loaded =
      typeof entry === "string"
        ? casesOfReference(entry, where, context, prefixFiles)
        : [inlineCase(entry, `test-${index + 1}`, where, context.file, context)];
    for (const { testCase, origin } of loaded) {
      const earlier = seen.get(testCase.id);
      if (earlier !== undefined) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `Two tests have the id ${JSON.stringify(testCase.id)} (${earlier} and ${origin}); give each an id of its own — results and baselines are matched on it.`,
          { details: { id: testCase.id, first: earlier, second: origin } },
        );
      }
      seen.set(testCase.id, origin);
      cases.push(testCase);
    }
  });
  if (cases.length === 0) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${context.file.label}: tests holds no test cases; add at least one.`,
      {
        details: { file: context.file.label, path: "tests" },
      },
    );
  }
  return cases;
}

interface LoadedCase {
  testCase: TestCase;
  origin: string;
}

function inlineCase(
  entry: TestEntry,
  defaultId: string,
  where: (string | number)[],
  file: StructuredFile,
  context: TestsContext,
): LoadedCase {
  const shown = formatPath(where);
  // defaultTest's variables come already read (see loadEvalConfig).
  const variables = {
    ...context.defaultTest.vars,
    ...withFileVariables(
      entry.vars ?? {},
      context.configDirectory,
      context.workingDirectory,
      `${file.label} ${shown}.vars`,
    ),
  };
  const metadata = {
    ...context.defaultTest.metadata,
    ...entry.metadata,
    ...(entry.description === undefined ? {} : { description: entry.description }),
  };
  const testCase: TestCase = {
    id: entry.id ?? defaultId,
    variables,
    ...(entry.expected === undefined ? {} : { expected: entry.expected }),
    ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
    ...(entry.assert === undefined ? {} : { assertions: entry.assert }),
  };
  if (entry.assert !== undefined) {
    checkPlaced(entry.assert, [...where, "assert"], file);
  }
  const position = file.locate(where);
  return { testCase, origin: `${wherePrefix(file.label, position).slice(0, -2)} ${shown}` };
}

/** checkAssertionSpecs, with the file, line and column of the list put in front of its message. */
export function checkPlaced(
  specs: readonly AssertionSpec[],
  where: (string | number)[],
  file: StructuredFile,
): void {
  try {
    checkAssertionSpecs(specs, formatPath(where));
  } catch (error) {
    if (!isQuireError(error)) throw error;
    // Core names the exact spot (`tests[2].assert[0].type`); place it in the file.
    const exact =
      typeof error.details.path === "string" ? parsePath(error.details.path) : undefined;
    const position = (exact === undefined ? undefined : file.locate(exact)) ?? file.locate(where);
    throw new QuireError(
      "VALIDATION_FAILED",
      `${wherePrefix(file.label, position)}${error.message}`,
      {
        cause: error,
        details: { ...error.details, file: file.label, ...position },
      },
    );
  }
}

function casesOfReference(
  reference: string,
  where: (string | number)[],
  context: TestsContext,
  prefix: boolean,
): LoadedCase[] {
  const relative = fileReferencePath(reference) ?? reference;
  const resolved = resolveConfigPath(relative, context.configDirectory, context.workingDirectory);
  const extension = path.extname(resolved.absolute).toLowerCase();
  const referencedAt = `${wherePrefix(context.file.label, context.file.locate(where))}${formatPath(where)}`;
  const idOf = (id: string) => (prefix ? `${relative}#${id}` : id);
  if (extension === ".yaml" || extension === ".yml") {
    readReferencedFile(resolved, referencedAt);
    const testsFile = readStructuredFile(resolved.absolute, resolved.label);
    const parsed = z.array(testEntrySchema).safeParse(testsFile.value);
    if (!parsed.success) throw evalConfigError(parsed.error.issues, testsFile);
    return parsed.data.map((entry, index) => {
      const loaded = inlineCase(entry, `case-${index + 1}`, [index], testsFile, context);
      return { ...loaded, testCase: { ...loaded.testCase, id: idOf(loaded.testCase.id) } };
    });
  }
  const format = datasetFormats[extension];
  if (format === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${referencedAt} refers to ${resolved.label}; tests are read from .csv, .json, .jsonl or .yaml files.`,
      { details: { file: resolved.label, extension } },
    );
  }
  const text = readReferencedFile(resolved, referencedAt);
  const dataset = parseDataset(text, { format, source: resolved.label });
  return dataset.map((testCase) => {
    const origin = `${resolved.label} case ${testCase.id}`;
    if (testCase.assertions !== undefined) checkDatasetAssertions(testCase.assertions, origin);
    const metadata = { ...context.defaultTest.metadata, ...testCase.metadata };
    return {
      origin,
      testCase: {
        ...testCase,
        id: idOf(testCase.id),
        variables: { ...context.defaultTest.vars, ...testCase.variables },
        ...(Object.keys(metadata).length === 0 ? {} : { metadata }),
      },
    };
  });
}

function checkDatasetAssertions(specs: readonly AssertionSpec[], origin: string): void {
  try {
    checkAssertionSpecs(specs, origin);
  } catch (error) {
    if (!isQuireError(error)) throw error;
    throw new QuireError(
      "VALIDATION_FAILED",
      error.message.includes(origin) ? error.message : `${origin}: ${error.message}`,
      {
        cause: error,
        details: error.details,
      },
    );
  }
}

/** `tests[2].assert[0].type` → ["tests", 2, "assert", 0, "type"]; undefined if it is not one. */
function parsePath(text: string): (string | number)[] | undefined {
  const segments: (string | number)[] = [];
  const pattern = /([A-Za-z_][\w-]*)|\[(\d+)\]|\./gy;
  let match: RegExpExecArray | null = pattern.exec(text);
  while (match !== null) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    if (pattern.lastIndex === text.length) return segments;
    match = pattern.exec(text);
  }
  return undefined;
}
