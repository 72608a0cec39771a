import { createTwoFilesPatch } from "diff";
import type { VersionDiff } from "../contracts/diff.js";
import type { Version } from "../contracts/prompt.js";
import { type FieldChange, fieldChanges } from "./field-diff.js";
import { lineChanges } from "./line-diff.js";
import { templateText } from "./template-text.js";

/** The version fields compared structurally, in the order their changes are listed. */
export const diffedFields = [
  "type",
  "engine",
  "inputSchema",
  "outputSchema",
  "config",
  "metadata",
] as const;

/**
 * What changed from one version to another: a line diff of the template (a message list is
 * compared as its readable text, see `templateText`) and a structured diff of the other content
 * fields, with paths like `config/temperature`. A null schema counts as absent. Pure: no I/O.
 */
export function diffVersions(from: Version, to: Version): VersionDiff {
  const fromText = templateText(from.template);
  const toText = templateText(to.template);
  const lines = lineChanges(fromText, toText);
  let added = 0;
  let removed = 0;
  for (const line of lines) {
    if (line.kind === "added") added++;
    else if (line.kind === "removed") removed++;
  }
  const unified =
    fromText === toText
      ? ""
      : createTwoFilesPatch(
          `${from.prompt}@${from.number}`,
          `${to.prompt}@${to.number}`,
          fromText,
          toText,
          undefined,
          undefined,
          { context: 3 },
        );
  const fields: FieldChange[] = diffedFields.flatMap((field) =>
    fieldChanges(field, from[field] ?? undefined, to[field] ?? undefined),
  );
  return {
    prompt: to.prompt,
    from: from.number,
    to: to.number,
    template: { unified, lines, added, removed },
    fields,
  };
}
