import type { EstimatedFamily, ModelOverride } from "@quire/core";
import type { ModelOverrideConfig } from "./config-schema.js";

/** The `[models]` tables of quire.toml as core's overrides (`encoding`/`estimate` → `tokenizer`). */
export function modelOverridesFrom(
  models: Readonly<Record<string, ModelOverrideConfig>> = {},
): Record<string, ModelOverride> {
  const overrides: Record<string, ModelOverride> = {};
  for (const [name, model] of Object.entries(models)) {
    const { encoding, estimate, estimateFactor, ...fields } = model;
    const override: ModelOverride = { ...fields };
    if (encoding !== undefined) override.tokenizer = { encoding };
    else if (estimate !== undefined) {
      override.tokenizer = {
        estimate: estimate as EstimatedFamily,
        ...(estimateFactor === undefined ? {} : { factor: estimateFactor }),
      };
    }
    overrides[name] = override;
  }
  return overrides;
}
