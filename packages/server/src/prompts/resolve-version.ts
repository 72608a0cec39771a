import {
  implicitLabel,
  labelNameProblem,
  type Prompt,
  QuireError,
  type ResolvedBy,
} from "@quire/core";

export interface VersionSelector {
  label?: string | undefined;
  version?: number | undefined;
}

export interface ResolvedVersion {
  prompt: Prompt;
  number: number;
  label: string | null;
  resolvedBy: ResolvedBy;
}

export const defaultLabel = "production";

export function notFoundError(name: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `Prompt "${name}" not found. Create it with POST /v1/prompts, or list prompts with GET /v1/prompts.`,
    { details: { prompt: name } },
  );
}

/**
 * Which version a request means:
 * - `version` → that number (`resolvedBy: "version"`);
 * - `label=latest` → the newest (`"latest"`);
 * - `label=<name>` → where the label points (`"label"`); 404 when it points nowhere;
 * - neither → `production` when the prompt has that label, else the newest
 *   (`"latest-fallback"`). An explicit `label=production` does not fall back.
 */
export function resolveVersion(prompt: Prompt, selector: VersionSelector): ResolvedVersion {
  const { label, version } = selector;
  if (label !== undefined && version !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Give either a label ("${label}") or a version (${version}), not both.`,
      {
        details: {
          issues: [{ location: "request", path: "label", message: "label and version both given" }],
        },
      },
    );
  }
  if (version !== undefined) return { prompt, number: version, label: null, resolvedBy: "version" };
  if (label === undefined) {
    const production = prompt.labels[defaultLabel];
    return production === undefined
      ? { prompt, number: prompt.latestVersion, label: null, resolvedBy: "latest-fallback" }
      : { prompt, number: production, label: defaultLabel, resolvedBy: "label" };
  }
  if (label === implicitLabel) {
    return { prompt, number: prompt.latestVersion, label: implicitLabel, resolvedBy: "latest" };
  }
  const problem = labelNameProblem(label);
  if (problem !== undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid label ${JSON.stringify(label)}: it ${problem}.${/^\d+$/.test(label) ? ` To ask for version ${label}, use version=${label}.` : ""}`,
      {
        details: { issues: [{ location: "request", path: "label", message: problem }] },
      },
    );
  }
  const number = prompt.labels[label];
  if (number === undefined) {
    const existing = Object.entries(prompt.labels)
      .map(([name, target]) => `${name} → ${target}`)
      .join(", ");
    throw new QuireError(
      "NOT_FOUND",
      `Label "${label}" of prompt "${prompt.name}" points nowhere (${existing === "" ? "the prompt has no labels" : `its labels: ${existing}`}). Point it with PUT /v1/prompts/{name}/labels/${label}.`,
      { details: { prompt: prompt.name, label, labels: prompt.labels } },
    );
  }
  return { prompt, number, label, resolvedBy: "label" };
}
