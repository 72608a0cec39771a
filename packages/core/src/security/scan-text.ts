import { injectionModelWeights } from "./injection-model-weights.js";
import { createInjectionScanner, type InjectionScanner } from "./injection-scanner.js";
import { type LinearModel, unpackLinearModel } from "./linear-model.js";
import type { ScanOptions, ScanResult } from "./scan-types.js";

let shippedModel: LinearModel | undefined;
let shippedScanner: InjectionScanner | undefined;

/** The learned model shipped with Quire (unpacked on first use, about 0.3 MB of floats). */
export function shippedInjectionModel(): LinearModel {
  shippedModel ??= unpackLinearModel(injectionModelWeights);
  return shippedModel;
}

/**
 * Scores `text` for prompt injection and jailbreak (0–1) with the reasons found: the rules
 * (override, role-play, prompt-leak, delimiter, hidden-character, homoglyph, encoded-payload,
 * multilingual and instruction-density evidence) combined with the shipped n-gram model.
 * Never throws on any string; linear in the text's length.
 */
export function scanText(text: string, options: ScanOptions = {}): ScanResult {
  shippedScanner ??= createInjectionScanner({ model: shippedInjectionModel() });
  return shippedScanner(text, options);
}
