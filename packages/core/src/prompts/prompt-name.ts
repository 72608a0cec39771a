import { QuireError } from "../errors/index.js";

/**
 * Prompt names are path-like: segments of letters, digits, `-`, `_` and `.` joined by `/`
 * (`support/triage`, `agents/planner.v2`). No empty segment, no `.`/`..` segment, at most 200
 * characters.
 */
const segmentPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const promptNameMaxLength = 200;

export function promptNameProblem(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.length > promptNameMaxLength) {
    return `is ${name.length} characters long; the limit is ${promptNameMaxLength}`;
  }
  const segments = name.split("/");
  for (const [index, segment] of segments.entries()) {
    if (segment.length === 0) {
      return `has an empty path segment at position ${index + 1} (leading, trailing or doubled "/")`;
    }
    if (segment === "." || segment === "..") return `has a "${segment}" path segment`;
    if (!segmentPattern.test(segment)) {
      const bad = [...segment].find((character) => !/[A-Za-z0-9_.-]/.test(character));
      return bad === undefined
        ? `segment "${segment}" must start with a letter, digit or "_"`
        : `contains ${JSON.stringify(bad)} in segment "${segment}"`;
    }
  }
  return undefined;
}

export function assertPromptName(name: string): string {
  const problem = promptNameProblem(name);
  if (problem !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid prompt name ${JSON.stringify(name)}: it ${problem}. Use path segments of letters, digits, "-", "_" and "." separated by "/", like "support/triage".`,
      { details: { field: "name", name, problem } },
    );
  }
  return name;
}

/** Labels: `production`, `staging`, or a custom name. A name that looks like a number is refused. */
const labelPattern = /^[a-z][a-z0-9_.-]{0,62}$/;
export const implicitLabel = "latest";

export function labelNameProblem(label: string): string | undefined {
  if (/^\d+$/.test(label)) return "looks like a version number and would be mistaken for one";
  if (label === implicitLabel)
    return `is implicit (it always means the newest version) and cannot be moved`;
  if (!labelPattern.test(label)) {
    return "must start with a lowercase letter and hold only lowercase letters, digits, '-', '_' and '.' (at most 63 characters)";
  }
  return undefined;
}

export function assertLabelName(label: string): string {
  const problem = labelNameProblem(label);
  if (problem !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid label ${JSON.stringify(label)}: it ${problem}.`,
      {
        details: { field: "label", label, problem },
      },
    );
  }
  return label;
}
