import { type FallbackEntryRequest, fallbackChainSchema, QuireError } from "@quire/core";

/**
 * A version's `config.fallback`: the models to try after the version's model, each a model id or
 * `{model, timeoutMs}`. Undefined when the config has none; VALIDATION_FAILED naming the key when
 * it is not such a list.
 */
export function readFallbackConfig(
  config: Readonly<Record<string, unknown>>,
): FallbackEntryRequest[] | undefined {
  const raw = config.fallback;
  if (raw === undefined || raw === null) return undefined;
  const parsed = fallbackChainSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    location: "version config",
    path: ["config", "fallback", ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
  const first = issues[0];
  throw new QuireError(
    "VALIDATION_FAILED",
    `The version's config.fallback is invalid (${first?.path}: ${first?.message}); give a list of model ids, or of {model, timeoutMs}, like ["local/llama3.1:8b", {"model": "openai/gpt-4o-mini", "timeoutMs": 20000}]. A request's fallback overrides it.`,
    { details: { issues } },
  );
}
