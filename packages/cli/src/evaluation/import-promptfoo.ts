import { knownAssertionTypes } from "@quire/core";
import { providerSettingsSchema } from "./eval-config-schema.js";

/** A promptfoo config turned into a quire.eval.yaml value, and what could not be carried over. */
export interface PromptfooImport {
  config: Record<string, unknown>;
  /** One line per thing left out or changed, with its path in the promptfoo config. */
  notes: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const settingKeys = new Set(Object.keys(providerSettingsSchema.shape));
const assertionKeys = new Set(["type", "value", "threshold", "weight", "provider", "metric"]);

/**
 * Maps what Quire reads the same way (prompts, providers, tests, vars, assert, defaultTest,
 * file:// references, evaluateOptions.maxConcurrency/repeat/cache, outputPath), renames what
 * differs (an assertion's `config` → `options`, `defaultTest.options.provider` →
 * `grading.provider`, `…options.rubricPrompt` → `grading.rubricPrompt`), and lists everything else in `notes` instead of dropping it silently.
 */
export function importPromptfooConfig(source: unknown): PromptfooImport {
  const notes: string[] = [];
  const config: Json = {};
  if (!isObject(source)) {
    return {
      config,
      notes: ["the file is not a promptfoo config (a map of prompts, providers, tests)"],
    };
  }
  for (const [key, value] of Object.entries(source)) {
    switch (key) {
      case "description":
      case "tags":
      case "outputPath":
        config[key] = value;
        break;
      case "prompts":
        config.prompts = list(value).flatMap((prompt, index) =>
          importPrompt(prompt, `prompts[${index}]`, notes),
        );
        break;
      case "providers":
        config.providers = importProviders(value, notes);
        break;
      case "tests":
        config.tests =
          typeof value === "string"
            ? importTestReference(value, "tests", notes)
            : list(value).flatMap((test, index): unknown[] =>
                typeof test === "string"
                  ? importTestReference(test, `tests[${index}]`, notes)
                  : [importTest(test, `tests[${index}]`, notes)],
              );
        break;
      case "defaultTest":
        importDefaultTest(value, config, notes);
        break;
      case "evaluateOptions":
        importEvaluateOptions(value, config, notes);
        break;
      default:
        notes.push(`${key}: not supported by quire eval; left out`);
    }
  }
  return { config, notes };
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function importPrompt(prompt: unknown, where: string, notes: string[]): unknown[] {
  const reference =
    typeof prompt === "string"
      ? prompt
      : isObject(prompt) && typeof prompt.id === "string"
        ? prompt.id
        : undefined;
  if (reference !== undefined && /^file:\/\/.*\.(js|cjs|mjs|ts|py)(:.*)?$/.test(reference)) {
    notes.push(
      `${where}: ${reference} is a prompt function; quire eval renders templates only — left out`,
    );
    return [];
  }
  if (reference !== undefined && /[*?]/.test(reference)) {
    notes.push(`${where}: ${reference} is a glob; list the files one by one — left out`);
    return [];
  }
  if (typeof prompt === "string") return [prompt];
  if (!isObject(prompt)) {
    notes.push(`${where}: not a string or {id, label, raw}; left out`);
    return [];
  }
  const kept: Json = {};
  for (const [key, value] of Object.entries(prompt)) {
    if (key === "id" || key === "label" || key === "raw") kept[key] = value;
    else notes.push(`${where}.${key}: not supported; left out`);
  }
  return [kept];
}

function importProviders(value: unknown, notes: string[]): unknown[] {
  // promptfoo also takes a map { "openai:gpt-4o": {config…} }.
  const entries = isObject(value)
    ? Object.entries(value).map(([id, options]) => ({ id, ...(isObject(options) ? options : {}) }))
    : list(value);
  return entries.flatMap((provider, index): unknown[] => {
    const where = `providers[${index}]`;
    if (typeof provider === "string") {
      notes.push(
        `${where}: ${provider} must be served by a [[providers]] table of quire.toml (quire eval maps promptfoo ids onto it)`,
      );
      return [provider];
    }
    if (!isObject(provider) || typeof provider.id !== "string") {
      notes.push(`${where}: not a provider id or {id, label, config}; left out`);
      return [];
    }
    const kept: Json = { id: provider.id };
    if (typeof provider.label === "string") kept.label = provider.label;
    for (const key of Object.keys(provider)) {
      if (key !== "id" && key !== "label" && key !== "config")
        notes.push(`${where}.${key}: not supported; left out`);
    }
    if (isObject(provider.config)) {
      const settings: Json = {};
      for (const [key, setting] of Object.entries(provider.config)) {
        if (settingKeys.has(key)) settings[key] = setting;
        else if (/^(apiKey|apiKeyEnvar|apiBaseUrl|apiHost|baseUrl)$/.test(key)) {
          notes.push(
            `${where}.config.${key}: set where the provider is configured, in quire.toml's [[providers]] (baseUrl, apiKeyEnv); left out`,
          );
        } else
          notes.push(`${where}.config.${key}: not a sampling setting quire eval reads; left out`);
      }
      if (Object.keys(settings).length > 0) kept.config = settings;
    }
    notes.push(`${where}: ${provider.id} must be served by a [[providers]] table of quire.toml`);
    return [kept];
  });
}

function importTestReference(reference: string, where: string, notes: string[]): string[] {
  if (/\.(csv|json|jsonl|yaml|yml)$/i.test(reference)) return [reference];
  notes.push(
    `${where}: ${reference} is not a CSV, JSON, JSONL or YAML file (generators, sheets and Hugging Face datasets are not read); left out`,
  );
  return [];
}

function importTest(test: unknown, where: string, notes: string[]): Json {
  const kept: Json = {};
  if (!isObject(test)) {
    notes.push(`${where}: not a test object; left out`);
    return kept;
  }
  for (const [key, value] of Object.entries(test)) {
    if (key === "vars" || key === "description" || key === "metadata") kept[key] = value;
    else if (key === "assert") kept.assert = importAssertions(value, `${where}.assert`, notes);
    else notes.push(`${where}.${key}: not supported per test; left out`);
  }
  return kept;
}

function importDefaultTest(value: unknown, config: Json, notes: string[]): void {
  if (typeof value === "string") {
    config.defaultTest = value;
    notes.push(
      "defaultTest: a referenced file is used as is; check that it holds only vars, assert, metadata",
    );
    return;
  }
  if (!isObject(value)) return;
  const kept: Json = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === "vars" || key === "metadata") kept[key] = inner;
    else if (key === "assert") kept.assert = importAssertions(inner, "defaultTest.assert", notes);
    else if (key === "options" && isObject(inner)) {
      for (const [option, setting] of Object.entries(inner)) {
        if (option === "provider" && typeof setting === "string")
          config.grading = { ...(config.grading as Json), provider: setting };
        else if (option === "rubricPrompt" && typeof setting === "string")
          config.grading = { ...(config.grading as Json), rubricPrompt: setting };
        else notes.push(`defaultTest.options.${option}: not supported; left out`);
      }
    } else notes.push(`defaultTest.${key}: not supported; left out`);
  }
  if (Object.keys(kept).length > 0) config.defaultTest = kept;
}

function importEvaluateOptions(value: unknown, config: Json, notes: string[]): void {
  if (!isObject(value)) return;
  const kept: Json = {};
  for (const [key, setting] of Object.entries(value)) {
    if (key === "maxConcurrency" || key === "repeat" || key === "cache") kept[key] = setting;
    else notes.push(`evaluateOptions.${key}: not supported; left out`);
  }
  if (Object.keys(kept).length > 0) config.evaluateOptions = kept;
}

function importAssertions(value: unknown, where: string, notes: string[]): Json[] {
  return list(value).flatMap((assertion, index) => {
    const at = `${where}[${index}]`;
    if (!isObject(assertion) || typeof assertion.type !== "string") {
      notes.push(`${at}: not an assertion {type, value}; left out`);
      return [];
    }
    const baseType = assertion.type.replace(/^not-/, "");
    if (knownAssertionTypes.length > 0 && !knownAssertionTypes.includes(baseType)) {
      notes.push(
        `${at}: assertion type ${assertion.type} is not one Quire knows (known: ${knownAssertionTypes.join(", ")}); left out`,
      );
      return [];
    }
    const kept: Json = {};
    for (const [key, setting] of Object.entries(assertion)) {
      if (assertionKeys.has(key)) kept[key] = setting;
      else if (key === "config") kept.options = setting;
      else if (key === "assert" && baseType === "assert-set")
        kept.assert = importAssertions(setting, `${at}.assert`, notes);
      else notes.push(`${at}.${key}: not supported on assertions; left out`);
    }
    if (
      typeof kept.value === "string" &&
      kept.value.startsWith("file://") &&
      baseType === "javascript"
    ) {
      notes.push(
        `${at}: a javascript assertion from a file is not read; paste the function into value`,
      );
    }
    return [kept];
  });
}
