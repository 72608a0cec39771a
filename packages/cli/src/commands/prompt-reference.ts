import { UsageError } from "../usage-error.js";

/** `NAME`, `NAME@label` or `NAME:version`, as `quire render` takes it. */
export interface PromptReference {
  name: string;
  label?: string;
  version?: number;
}

/** Prompt names hold neither "@" nor ":", so the last of them splits the name from the rest. */
export function parsePromptReference(text: string): PromptReference {
  const reference = splitReference(text);
  if (reference.name === "") {
    throw new UsageError(
      `${JSON.stringify(text)} has no prompt name; write NAME, NAME@LABEL or NAME:VERSION`,
    );
  }
  return reference;
}

function splitReference(text: string): PromptReference {
  const at = text.lastIndexOf("@");
  const colon = text.lastIndexOf(":");
  if (at === -1 && colon === -1) return { name: text };
  if (at > colon) {
    const label = text.slice(at + 1);
    if (label === "")
      throw new UsageError(
        `${JSON.stringify(text)} has no label after "@"; write NAME@LABEL, like support/triage@production`,
      );
    return { name: text.slice(0, at), label };
  }
  const versionText = text.slice(colon + 1);
  if (!/^[1-9]\d*$/.test(versionText)) {
    throw new UsageError(
      `${JSON.stringify(text)}: the version after ":" must be a positive whole number, got ${JSON.stringify(versionText)}; write NAME:VERSION, like support/triage:3`,
    );
  }
  return { name: text.slice(0, colon), version: Number(versionText) };
}

/** A version argument: a number, or a label name resolved through the prompt's labels. */
export function parseVersionArgument(
  text: string,
  labels: Record<string, number>,
  latestVersion: number,
  promptName: string,
): number {
  if (/^[1-9]\d*$/.test(text)) return Number(text);
  if (text === "latest") return latestVersion;
  const version = labels[text];
  if (version !== undefined) return version;
  const known = Object.keys(labels);
  throw new UsageError(
    `${JSON.stringify(text)} is neither a version number nor a label of ${promptName} (labels: ${known.length === 0 ? "none" : known.join(", ")}; "latest" is v${latestVersion})`,
  );
}
