import { QuireError } from "../errors/index.js";
import { bareModelName, estimatedFamilies } from "./model-encoding.js";
import { defaultModels, type ModelInfo } from "./model-table.js";

/** A model's entry override, as `quire.toml` gives it: any field of `ModelInfo` but the name. */
export type ModelOverride = Partial<Omit<ModelInfo, "name">>;

/**
 * The entry for a model name, or undefined when no entry matches. Matching ignores case and a
 * provider prefix (`openai/gpt-4o`); a name matches an entry or alias exactly, or extends it
 * with `-`, `@` or `:` (`gpt-4o-2024-08-06`, `claude-sonnet-4@20250514`); the longest match wins,
 * so `gpt-4o-mini-2024-07-18` is gpt-4o-mini, not gpt-4o.
 */
export function modelInfo(
  name: string,
  table: readonly ModelInfo[] = defaultModels,
): ModelInfo | undefined {
  const wanted = name.trim().toLowerCase();
  const bare = bareModelName(name);
  let best: ModelInfo | undefined;
  let bestLength = 0;
  for (const entry of table) {
    for (const candidate of [entry.name, ...(entry.aliases ?? [])]) {
      const key = candidate.toLowerCase();
      if (key.length <= bestLength) continue;
      if (matches(wanted, key) || matches(bare, key)) {
        best = entry;
        bestLength = key.length;
      }
    }
  }
  return best;
}

function matches(name: string, key: string): boolean {
  if (!name.startsWith(key)) return false;
  const next = name[key.length];
  return next === undefined || next === "-" || next === "@" || next === ":";
}

/**
 * A model table with overrides applied (what `[models]` in quire.toml gives): a known name has the
 * given fields replaced (a price or tokenizer replaces the whole of it, and the entry's `source`
 * is dropped unless the override gives one, since the figures are no longer the checked ones); a
 * new name is added and must give `contextWindow` and `maxOutputTokens`. The default table is not
 * changed. Throws CONFIG_INVALID naming the model and field.
 */
export function withModelOverrides(
  overrides: Readonly<Record<string, ModelOverride>>,
  table: readonly ModelInfo[] = defaultModels,
): ModelInfo[] {
  const result = table.map((entry) => ({ ...entry }));
  for (const [name, override] of Object.entries(overrides)) {
    checkOverride(name, override);
    const index = result.findIndex((entry) => entry.name.toLowerCase() === name.toLowerCase());
    const existing = index === -1 ? undefined : result[index];
    if (existing !== undefined) {
      const { source: _checkedSource, ...unchecked } = existing;
      result[index] = { ...unchecked, ...override, name: existing.name };
      continue;
    }
    const { contextWindow, maxOutputTokens } = override;
    if (contextWindow === undefined || maxOutputTokens === undefined) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Model "${name}" is not in the model table, so its override must give contextWindow and maxOutputTokens; add both to its entry in quire.toml.`,
        {
          details: {
            model: name,
            missing: contextWindow === undefined ? "contextWindow" : "maxOutputTokens",
          },
        },
      );
    }
    result.push({ provider: "unknown", ...override, name, contextWindow, maxOutputTokens });
  }
  return result;
}

function checkOverride(name: string, override: ModelOverride): void {
  for (const field of ["contextWindow", "maxOutputTokens"] as const) {
    const value = override[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Model "${name}": ${field} must be a whole number of tokens (0 or more), not ${String(value)}; fix it in quire.toml.`,
        { details: { model: name, field, value } },
      );
    }
  }
  checkTokenizer(name, override);
  const price = override.price;
  if (price === undefined) return;
  for (const [field, value] of Object.entries(price)) {
    if (
      value !== undefined &&
      !(typeof value === "number" && Number.isFinite(value) && value >= 0)
    ) {
      throw new QuireError(
        "CONFIG_INVALID",
        `Model "${name}": price.${field} must be a number of dollars per million tokens (0 or more), not ${String(value)}; fix it in quire.toml.`,
        { details: { model: name, field: `price.${field}`, value } },
      );
    }
  }
}

function checkTokenizer(name: string, override: ModelOverride): void {
  const tokenizer = override.tokenizer;
  if (tokenizer === undefined || "encoding" in tokenizer) return;
  if (!estimatedFamilies.includes(tokenizer.estimate)) {
    throw new QuireError(
      "CONFIG_INVALID",
      `Model "${name}": estimate must be one of ${estimatedFamilies.join(", ")}, not ${JSON.stringify(tokenizer.estimate)}; fix it in quire.toml.`,
      { details: { model: name, field: "estimate", value: tokenizer.estimate } },
    );
  }
  const factor = tokenizer.factor;
  if (factor !== undefined && !(Number.isFinite(factor) && factor > 0)) {
    throw new QuireError(
      "CONFIG_INVALID",
      `Model "${name}": estimateFactor must be a number above 0 (tokens per o200k token), not ${String(factor)}; fix it in quire.toml.`,
      { details: { model: name, field: "estimateFactor", value: factor } },
    );
  }
}
