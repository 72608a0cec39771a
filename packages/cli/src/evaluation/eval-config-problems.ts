import { nearestWithinTwoEdits, QuireError } from "@quire/core";
import type { z } from "zod";
import { describeValue } from "../config/config-problems.js";
import { knownEvalKeysAt } from "./eval-config-schema.js";
import { formatPath, type StructuredFile, wherePrefix } from "./read-structured-file.js";

/** One thing wrong with an eval config, placed in its file. */
export interface EvalConfigProblem {
  /** `tests[2].assert[0].type` */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * Turns zod's issues into one error listing every problem as `file:line:column: key.path …`.
 * `prefix` is the path of the validated value inside the file (empty for the whole file).
 */
export function evalConfigError(
  issues: readonly z.core.$ZodIssue[],
  file: StructuredFile,
  prefix: readonly PropertyKey[] = [],
): QuireError {
  const problems: EvalConfigProblem[] = [];
  for (const issue of deepestIssues(issues)) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      const known = knownEvalKeysAt(path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const position = file.locate(keyPath, { key: true });
        const suggestion = nearestWithinTwoEdits(key, known);
        const where = path.length === 0 ? "at the top level" : `in ${formatPath(path)}`;
        problems.push({
          path: formatPath(keyPath),
          message:
            `${wherePrefix(file.label, position)}unknown key ${JSON.stringify(key)} ${where}` +
            (known.length === 0 ? "" : ` (known: ${known.join(", ")})`) +
            (suggestion === undefined ? "" : `; did you mean ${JSON.stringify(suggestion)}?`),
          ...position,
        });
      }
      continue;
    }
    const position = file.locate(path);
    const shown = formatPath(path);
    const value = valueAt(file.value, path);
    problems.push({
      path: shown,
      message: `${wherePrefix(file.label, position)}${shown === "" ? "the file" : shown} ${issue.message}${value === undefined && issue.code === "invalid_type" ? " (it is missing)" : `, got ${describeValue(value)}`}`,
      ...position,
    });
  }
  const [first] = problems;
  return new QuireError(
    "VALIDATION_FAILED",
    problems.map((problem) => problem.message).join("\n"),
    {
      details: {
        file: file.label,
        problems,
        ...(first?.line === undefined ? {} : { line: first.line, column: first.column }),
        path: first?.path,
      },
    },
  );
}

/**
 * A union's failure is reported by zod as one `invalid_union` issue holding each branch's
 * issues; the branch that got furthest (the longest path) says what is really wrong.
 */
function deepestIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const result: z.core.$ZodIssue[] = [];
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => deepestIssues(branch));
      const depth = (list: z.core.$ZodIssue[]) =>
        Math.max(0, ...list.map((inner) => inner.path.length));
      const best = branches.reduce((left, right) => (depth(right) > depth(left) ? right : left));
      // A branch no deeper than the union itself (e.g. "expected string") says less than the
      // union's own message.
      if (depth(best) === 0) result.push(issue);
      else
        result.push(...best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    } else {
      result.push(issue);
    }
  }
  return result;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
