import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { QuireError } from "@quire/core";
import { parse, TomlError } from "smol-toml";
import { type ConfigProblem, describeConfigIssues } from "./config-problems.js";
import { type QuireConfigFile, quireConfigSchema } from "./config-schema.js";
import { locateConfigKey } from "./locate-config-key.js";

export const configFileName = "quire.toml";

export interface LoadedConfigFile {
  /** Absolute path of the file. */
  path: string;
  /** How messages name the file: its path relative to the working directory. */
  label: string;
  values: QuireConfigFile;
}

/** The nearest quire.toml in `directory` or one of its parents. */
export function findConfigFile(directory: string): string | undefined {
  let current = path.resolve(directory);
  for (;;) {
    const candidate = path.join(current, configFileName);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Reads, parses and validates a quire.toml; every problem is reported at once, by key. */
export function loadConfigFile(filePath: string, workingDirectory: string): LoadedConfigFile {
  const absolute = path.resolve(workingDirectory, filePath);
  const label = path.relative(workingDirectory, absolute) || absolute;
  let text: string;
  try {
    text = readFileSync(absolute, "utf8");
  } catch (error) {
    throw new QuireError("CONFIG_INVALID", `Cannot read ${label}: ${(error as Error).message}`, {
      cause: error,
      details: { file: absolute },
    });
  }
  return { path: absolute, label, values: parseConfigText(text, label) };
}

export function parseConfigText(text: string, label: string): QuireConfigFile {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0]?.replace(/^Invalid TOML document: /, "") ?? "";
      throw new QuireError(
        "CONFIG_INVALID",
        `${label}:${error.line}:${error.column}: TOML syntax error: ${reason}\n${error.codeblock}`,
        { cause: error, details: { file: label, line: error.line, column: error.column } },
      );
    }
    throw error;
  }
  const result = quireConfigSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = describeConfigIssues(result.error.issues, raw, label).map((problem) =>
    locatedProblem(problem, text, label),
  );
  throw new QuireError("CONFIG_INVALID", problems.map((problem) => problem.message).join("\n"), {
    details: { file: label, problems },
  });
}

/**
 * Problems in `[models]` name the line and column of the key (`quire.toml:7:1: models.…`), as
 * TOML syntax errors do; a file can hold many model tables, so the key alone is not enough.
 */
function locatedProblem(problem: ConfigProblem, text: string, label: string): ConfigProblem {
  if (problem.path[0] !== "models") return problem;
  const location = locateConfigKey(text, problem.path);
  if (location === undefined) return problem;
  const where = `${label}:${location.line}:${location.column}: `;
  const message = problem.message.startsWith(`${label}: `)
    ? `${where}${problem.message.slice(label.length + 2)}`
    : `${where}${problem.message}`;
  return { ...problem, message, ...location };
}
