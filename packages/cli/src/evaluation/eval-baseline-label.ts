import { existsSync } from "node:fs";
import path from "node:path";
import { promptNameFromPath, QuireError } from "@quire/core";
import type { CellResult, EvalPrompt } from "@quire/engine";
import { parsePromptReference } from "../commands/prompt-reference.js";
import { readBaseline } from "./eval-baseline.js";
import type { PromptEntry } from "./eval-config-schema.js";
import { type PromptsContext, registryPrompt } from "./eval-prompts.js";
import { resolveConfigPath } from "./file-reference.js";

/** What `--baseline` names: a previous run's JSON output, or a label of the registry. */
export type BaselineSource =
  | { kind: "file"; file: string; results: CellResult[] }
  | { kind: "label"; label: string };

const labelPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A file that exists is a previous output; otherwise a label-like word is a label. */
export function baselineSourceOf(value: string, workingDirectory: string): BaselineSource {
  const exists = existsSync(path.resolve(workingDirectory, value));
  if (!exists && labelPattern.test(value) && !value.endsWith(".json")) {
    return { kind: "label", label: value };
  }
  return { kind: "file", file: value, results: readBaseline(value, workingDirectory) };
}

/**
 * The baseline prompts of `--baseline LABEL`: each prompt of the config replaced by its registry
 * version behind the label — `quire://name@x` by `quire://name@LABEL`, a `.prompt` file under the
 * project's prompts folder by the prompt `quire push` made of it. Each keeps its candidate's id,
 * so the two runs pair cell for cell. An inline prompt has no registry version: refused.
 */
export async function labelBaselinePrompts(
  label: string,
  entries: readonly PromptEntry[],
  candidates: readonly EvalPrompt[],
  context: PromptsContext & { promptsDirectory: string },
): Promise<EvalPrompt[]> {
  const baseline: EvalPrompt[] = [];
  for (const [index, entry] of entries.entries()) {
    const where = `${context.configLabel} prompts[${index}]`;
    const candidate = candidates[index];
    if (candidate === undefined) continue;
    const name = registryNameOf(entry, where, context);
    const prompt = await registryPrompt(`${name}@${label}`, where, context);
    baseline.push({ ...prompt, id: candidate.id });
  }
  return baseline;
}

function registryNameOf(
  entry: PromptEntry,
  where: string,
  context: PromptsContext & { promptsDirectory: string },
): string {
  const reference =
    typeof entry === "string" ? entry : entry.raw === undefined ? entry.id : undefined;
  if (reference?.startsWith("quire://")) {
    return parsePromptReference(reference.slice("quire://".length)).name;
  }
  const file = reference?.replace(/^file:\/\//, "");
  if (file?.endsWith(".prompt")) {
    const absolute = resolveConfigPath(
      file,
      context.configDirectory,
      context.workingDirectory,
    ).absolute;
    const relative = path.relative(context.promptsDirectory, absolute);
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
      return promptNameFromPath(relative.split(path.sep).join("/")).name;
    }
  }
  throw new QuireError(
    "VALIDATION_FAILED",
    `${where} has no version in the registry to compare with: --baseline LABEL compares quire:// prompts and .prompt files under the prompts folder (${context.promptsDirectory}) with their versions behind the label. Give --baseline a previous run's JSON output instead (quire eval -o results.json).`,
    { details: { option: "--baseline" } },
  );
}
