import { type AssertionSpec, assertionSpecSchema } from "@quire/core";
import { z } from "zod";

/*
 * quire.eval.yaml, close to promptfoo's promptfooconfig.yaml so a promptfoo user can move over:
 * `prompts` × `providers` × `tests`, with `vars`, `assert` and `defaultTest`; `file://`
 * references for prompts, tests and variable values. Unknown keys are refused (a typo is
 * reported, not ignored); `quire eval import-promptfoo` maps what Quire does not read.
 */

const text = z.string({ error: "must be a string" }).min(1, { error: "must not be empty" });

/** An inline template, a `.prompt` file, a `file://` text or chat JSON file, or `quire://name@label`. */
export const promptEntrySchema = z.union(
  [
    text,
    z.strictObject({
      id: text.optional(),
      label: text.optional(),
      raw: text.optional(),
      engine: z
        .enum(["handlebars", "jinja2", "liquid", "mustache"], {
          error: 'must be "handlebars", "jinja2", "liquid" or "mustache"',
        })
        .optional(),
    }),
  ],
  {
    error:
      "must be a string (a template, a file:// path, a .prompt file or quire://name@label) or {id, label, raw, engine}",
  },
);
export type PromptEntry = z.infer<typeof promptEntrySchema>;

/** Sampling settings of a provider entry: promptfoo's snake_case names or Quire's camelCase. */
export const providerSettingsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().positive().optional(),
  maxTokens: z.int().positive().optional(),
  maxOutputTokens: z.int().positive().optional(),
  top_p: z.number().min(0).max(1).optional(),
  topP: z.number().min(0).max(1).optional(),
  seed: z.int().optional(),
  stop: z.union([z.string(), z.array(z.string())]).optional(),
  stopSequences: z.array(z.string()).optional(),
  presence_penalty: z.number().optional(),
  presencePenalty: z.number().optional(),
  frequency_penalty: z.number().optional(),
  frequencyPenalty: z.number().optional(),
});
export type ProviderSettings = z.infer<typeof providerSettingsSchema>;

/** `provider/model` from quire.toml, or a promptfoo id like `openai:chat:gpt-4o-mini`. */
export const providerEntrySchema = z.union(
  [
    text,
    z.strictObject({
      id: text,
      label: text.optional(),
      config: providerSettingsSchema.optional(),
    }),
  ],
  { error: "must be a model id (local/llama3, openai:chat:gpt-4o-mini) or {id, label, config}" },
);
export type ProviderEntry = z.infer<typeof providerEntrySchema>;

const assertListSchema = z.array(assertionSpecSchema as z.ZodType<AssertionSpec>, {
  error: "must be a list of assertions ({type, value, …})",
});

/** One test: variables, what is expected, its own assertions. */
export const testEntrySchema = z.strictObject({
  id: text.max(200).optional(),
  description: z.string().optional(),
  vars: z.record(z.string(), z.unknown(), { error: "must be a map of variables" }).optional(),
  expected: z.unknown().optional(),
  assert: assertListSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type TestEntry = z.infer<typeof testEntrySchema>;

/** A list of test objects, `file://` dataset references (CSV, JSON, JSONL, YAML), or one reference. */
export const testsSchema = z.union(
  [text, z.array(z.union([text, testEntrySchema]), { error: "must be a list" })],
  { error: "must be a file:// reference or a list of tests and file:// references" },
);

export const defaultTestSchema = z.strictObject({
  vars: z.record(z.string(), z.unknown()).optional(),
  assert: assertListSchema.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  /** promptfoo's `defaultTest.options.provider`: the judge model. */
  options: z.strictObject({ provider: text.optional() }).optional(),
});
export type DefaultTest = z.infer<typeof defaultTestSchema>;

export const evalConfigSchema = z.strictObject({
  description: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  prompts: z.union([
    promptEntrySchema,
    z.array(promptEntrySchema).min(1, { error: "must name at least one prompt" }),
  ]),
  providers: z.union([
    providerEntrySchema,
    z.array(providerEntrySchema).min(1, { error: "must name at least one provider" }),
  ]),
  tests: testsSchema,
  defaultTest: z.union([text, defaultTestSchema]).optional(),
  evaluateOptions: z
    .strictObject({
      maxConcurrency: z.int().min(1).max(256).optional(),
      repeat: z.int().min(1).max(100).optional(),
      cache: z.boolean().optional(),
    })
    .optional(),
  grading: z
    .strictObject({
      /** Judge for llm-rubric and factuality: `provider/model`. */
      provider: text.optional(),
      /** Embedding model for `similar`. */
      embeddingProvider: text.optional(),
      /** Allow `javascript` assertions (default true: the config is your own code). */
      javascript: z.boolean().optional(),
      /**
       * The judge prompts (Handlebars, with core's variables): `quire://name@label` (a versioned
       * Quire prompt), `file://judge.txt`, or the template itself.
       */
      rubricPrompt: text.optional(),
      factualityPrompt: text.optional(),
    })
    .optional(),
  /** Where to write results besides the table: paths whose extension picks the format. */
  outputPath: z.union([text, z.array(text)]).optional(),
});
export type EvalConfig = z.infer<typeof evalConfigSchema>;

/** The keys an object at `path` accepts, for unknown-key messages. */
export function knownEvalKeysAt(path: readonly PropertyKey[]): string[] {
  const top = Object.keys(evalConfigSchema.shape);
  const [first, second, third] = path;
  if (path.length === 0) return top;
  if (path.includes("assert")) {
    return ["type", "value", "threshold", "weight", "options", "provider", "metric", "assert"];
  }
  if (first === "tests") return Object.keys(testEntrySchema.shape);
  if (first === "defaultTest")
    return second === "options" ? ["provider"] : Object.keys(defaultTestSchema.shape);
  if (first === "providers") {
    return second === "config" || third === "config"
      ? Object.keys(providerSettingsSchema.shape)
      : ["id", "label", "config"];
  }
  if (first === "prompts") return ["id", "label", "raw", "engine"];
  if (first === "evaluateOptions") return ["maxConcurrency", "repeat", "cache"];
  if (first === "grading") {
    return ["provider", "embeddingProvider", "javascript", "rubricPrompt", "factualityPrompt"];
  }
  return [];
}
