import { existsSync } from "node:fs";
import path from "node:path";
import { type AssertionSpec, QuireError, type TestCase } from "@quire/core";
import { evalConfigError } from "./eval-config-problems.js";
import {
  type DefaultTest,
  defaultTestSchema,
  type EvalConfig,
  evalConfigSchema,
  type PromptEntry,
  type ProviderEntry,
} from "./eval-config-schema.js";
import {
  fileReferencePath,
  readReferencedFile,
  resolveConfigPath,
  withFileVariables,
} from "./file-reference.js";
import { checkPlaced, loadEvalTests } from "./load-eval-tests.js";
import { readStructuredFile, type StructuredFile } from "./read-structured-file.js";

export const defaultEvalConfigNames = ["quire.eval.yaml", "quire.eval.yml", "quire.eval.json"];

/** An eval config read, validated and with its references loaded: ready to plan. */
export interface LoadedEvalConfig {
  file: StructuredFile;
  /** Absolute folder of the config: relative paths in it start here. */
  directory: string;
  config: EvalConfig;
  prompts: PromptEntry[];
  providers: ProviderEntry[];
  cases: TestCase[];
  defaultAssertions: AssertionSpec[];
  /** The judge model: grading.provider, else promptfoo's defaultTest.options.provider. */
  judge: string | undefined;
}

/** The config given, else quire.eval.yaml (.yml, .json) in the working directory. */
export function findEvalConfig(given: string | undefined, workingDirectory: string): string {
  if (given !== undefined) {
    const absolute = path.resolve(workingDirectory, given);
    if (!existsSync(absolute)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `There is no eval config ${given} (looked for ${absolute}).`,
        {
          details: { file: absolute },
        },
      );
    }
    return absolute;
  }
  for (const name of defaultEvalConfigNames) {
    const candidate = path.join(workingDirectory, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new QuireError(
    "VALIDATION_FAILED",
    `No eval config here: give its path (quire eval path/to/quire.eval.yaml) or create ${defaultEvalConfigNames[0]} in ${workingDirectory}; a promptfoo config converts with quire eval import-promptfoo promptfooconfig.yaml.`,
    { details: { workingDirectory, looked: defaultEvalConfigNames } },
  );
}

export function loadEvalConfig(absolutePath: string, workingDirectory: string): LoadedEvalConfig {
  const label = path.relative(workingDirectory, absolutePath) || absolutePath;
  const file = readStructuredFile(absolutePath, label);
  const parsed = evalConfigSchema.safeParse(file.value);
  if (!parsed.success) throw evalConfigError(parsed.error.issues, file);
  const config = parsed.data;
  const directory = path.dirname(absolutePath);
  const defaultTest = loadDefaultTest(config, file, directory, workingDirectory);
  if (defaultTest.assert !== undefined) {
    checkPlaced(defaultTest.assert, ["defaultTest", "assert"], file);
  }
  const cases = loadEvalTests(config.tests, {
    file,
    configDirectory: directory,
    workingDirectory,
    defaultTest,
  });
  return {
    file,
    directory,
    config,
    prompts: Array.isArray(config.prompts) ? config.prompts : [config.prompts],
    providers: Array.isArray(config.providers) ? config.providers : [config.providers],
    cases,
    defaultAssertions: defaultTest.assert ?? [],
    judge: config.grading?.provider ?? defaultTest.options?.provider,
  };
}

/** `defaultTest`, inline or from a `file://` YAML/JSON file, with its file variables read. */
function loadDefaultTest(
  config: EvalConfig,
  file: StructuredFile,
  directory: string,
  workingDirectory: string,
): DefaultTest {
  let defaultTest: DefaultTest = {};
  if (typeof config.defaultTest === "string") {
    const resolved = resolveConfigPath(
      fileReferencePath(config.defaultTest) ?? config.defaultTest,
      directory,
      workingDirectory,
    );
    readReferencedFile(resolved, `${file.label} defaultTest`);
    const defaultFile = readStructuredFile(resolved.absolute, resolved.label);
    const parsed = defaultTestSchema.safeParse(defaultFile.value);
    if (!parsed.success) throw evalConfigError(parsed.error.issues, defaultFile);
    defaultTest = parsed.data;
  } else if (config.defaultTest !== undefined) {
    defaultTest = config.defaultTest;
  }
  return defaultTest.vars === undefined
    ? defaultTest
    : {
        ...defaultTest,
        vars: withFileVariables(
          defaultTest.vars,
          directory,
          workingDirectory,
          `${file.label} defaultTest.vars`,
        ),
      };
}
