import type { QuireClient } from "@quire/client";
import { type AssertionServices, QuireError } from "@quire/core";
import { parsePromptReference } from "../commands/prompt-reference.js";
import { fileReferencePath, readReferencedFile, resolveConfigPath } from "./file-reference.js";
import type { LoadedEvalConfig } from "./load-eval-config.js";

/**
 * `grading.rubricPrompt` and `grading.factualityPrompt` as core's judge templates: a versioned
 * Quire prompt (`quire://judges/rubric@production`, a Handlebars text prompt, fetched once when
 * the run starts), a `file://` text file, or the template written inline. Absent: core's
 * built-in prompts.
 */
export async function loadJudgePrompts(
  loaded: LoadedEvalConfig,
  workingDirectory: string,
  client: () => QuireClient,
): Promise<AssertionServices["judgePrompts"]> {
  const grading = loaded.config.grading;
  const llmRubric = await judgeTemplate(
    grading?.rubricPrompt,
    "grading.rubricPrompt",
    loaded,
    workingDirectory,
    client,
  );
  const factuality = await judgeTemplate(
    grading?.factualityPrompt,
    "grading.factualityPrompt",
    loaded,
    workingDirectory,
    client,
  );
  if (llmRubric === undefined && factuality === undefined) return undefined;
  return {
    ...(llmRubric === undefined ? {} : { llmRubric }),
    ...(factuality === undefined ? {} : { factuality }),
  };
}

async function judgeTemplate(
  value: string | undefined,
  key: string,
  loaded: LoadedEvalConfig,
  workingDirectory: string,
  client: () => QuireClient,
): Promise<string | undefined> {
  if (value === undefined) return undefined;
  const where = `${loaded.file.label} ${key}`;
  const filePath = fileReferencePath(value);
  if (filePath !== undefined) {
    return readReferencedFile(
      resolveConfigPath(filePath, loaded.directory, workingDirectory),
      where,
    );
  }
  if (!value.startsWith("quire://")) return value;
  const reference = parsePromptReference(value.slice("quire://".length));
  const server = client();
  const found = await server
    .getPrompt(reference.name, {
      ...(reference.label === undefined ? {} : { label: reference.label }),
      ...(reference.version === undefined ? {} : { version: reference.version }),
    })
    .catch((error: unknown) => {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${where}: cannot fetch ${value} from ${server.baseUrl}: ${(error as Error).message}`,
        { cause: error, details: { prompt: value } },
      );
    });
  const { template, engine } = found.version;
  if (typeof template !== "string" || engine !== "handlebars") {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: ${value} (v${found.version.number}) must be a Handlebars text prompt to be a judge template; it is a ${typeof template === "string" ? "text" : "chat"} prompt in ${engine}.`,
      { details: { prompt: value, engine } },
    );
  }
  return template;
}
