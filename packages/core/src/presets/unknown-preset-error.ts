import { QuireError } from "../errors/index.js";
import { closestName } from "./closest-name.js";
import { generationPresetNames } from "./generation-presets.js";

/** `Unknown generation preset "codng" in config.preset (known: coding, …); did you mean "coding"?` */
export function unknownPresetMessage(value: unknown, where = "config.preset"): string {
  const suggestion =
    typeof value === "string" ? closestName(value, generationPresetNames) : undefined;
  const shown =
    typeof value === "string"
      ? JSON.stringify(value)
      : `a ${value === null ? "null" : typeof value}`;
  return (
    `Unknown generation preset ${shown} in ${where} (known: ${generationPresetNames.join(", ")})` +
    (suggestion === undefined ? "." : `; did you mean "${suggestion}"?`)
  );
}

export function unknownPresetError(value: unknown, where = "config.preset"): QuireError {
  const suggestion =
    typeof value === "string" ? closestName(value, generationPresetNames) : undefined;
  return new QuireError("VALIDATION_FAILED", unknownPresetMessage(value, where), {
    details: {
      key: where,
      value,
      known: [...generationPresetNames],
      ...(suggestion === undefined ? {} : { suggestion }),
    },
  });
}
