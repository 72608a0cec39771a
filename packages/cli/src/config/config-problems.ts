import { nearestWithinTwoEdits } from "@quire/core";
import type { z } from "zod";
import { knownKeysAt } from "./config-schema.js";

/** One thing wrong with quire.toml, in words a person can act on. */
export interface ConfigProblem {
  key: string;
  /** The key's path, each table name apart (`["models", "gpt-4.1", "price"]`). */
  path: string[];
  message: string;
}

/**
 * Turns zod's issues for quire.toml into sentences naming the key and the file:
 * `quire.toml: server.port must be an integer from 1 to 65535, got "abc"` and
 * `unknown key "servr" in quire.toml (known: server, project); did you mean "server"?`.
 */
export function describeConfigIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  fileLabel: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(issue.path);
      const where = path.length === 0 ? fileLabel : `[${path.join(".")}] of ${fileLabel}`;
      for (const key of issue.keys) {
        const suggestion = nearestWithinTwoEdits(key, known);
        problems.push({
          key: [...path, key].join("."),
          path: [...path, key],
          message:
            `unknown key ${JSON.stringify(key)} in ${where} (known: ${known.join(", ")})` +
            (suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`),
        });
      }
      continue;
    }
    const key = path.join(".");
    problems.push({
      key,
      path,
      message: `${fileLabel}: ${key} ${issue.message}, got ${describeValue(valueAt(raw, path))}`,
    });
  }
  return problems;
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  if (Array.isArray(value)) return `an array ${JSON.stringify(value)}`;
  if (value !== null && typeof value === "object") return "a table";
  if (typeof value === "bigint") return String(value);
  return JSON.stringify(value);
}

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let current = raw;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
