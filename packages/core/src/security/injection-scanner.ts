import { ruleScore } from "./combine-reasons.js";
import { delimiterRules } from "./delimiter-rules.js";
import { findEncodedPayloads } from "./encoded-payloads.js";
import { englishPhraseRules } from "./english-phrase-rules.js";
import { type FoldedText, foldForMatching } from "./fold-for-matching.js";
import { findHiddenCharacters } from "./hidden-characters.js";
import { instructionDensity } from "./instruction-density.js";
import { type LinearModel, linearProbability } from "./linear-model.js";
import { evidenceOf, matchOriginalRules } from "./match-phrase-rules.js";
import { multilingualPhraseRules } from "./multilingual-phrase-rules.js";
import { PhraseMatcher } from "./phrase-matcher.js";
import {
  defaultSensitivity,
  flagThresholds,
  type ScanOptions,
  type ScanReason,
  type ScanResult,
} from "./scan-types.js";

const phrases = new PhraseMatcher([...englishPhraseRules, ...multilingualPhraseRules]);

/** How deep decoded payloads are scanned again (base64 inside base64 is still read). */
const maximumDepth = 2;

export interface InjectionScannerOptions {
  /** The learned model; null for rules only. */
  model: LinearModel | null;
}

export type InjectionScanner = (text: string, options?: ScanOptions) => ScanResult;

interface Scored {
  score: number;
  reasons: ScanReason[];
}

/** The evidence the rules find in `text` (already folded as `folded`). */
function ruleReasons(
  text: string,
  folded: FoldedText,
  depth: number,
  model: LinearModel | null,
): ScanReason[] {
  const reasons: ScanReason[] = [];
  phrases.match(text, folded, reasons);
  matchOriginalRules(delimiterRules, text, reasons);
  for (const mixed of folded.mixedScriptWords.slice(0, 3)) {
    reasons.push({
      category: "homoglyphs",
      rule: "homoglyphs.mixed-script-word",
      evidence: evidenceOf(text, mixed.start, mixed.end),
      ...mixed,
      weight: folded.mixedScriptWords.length >= 3 ? 0.6 : 0.4,
    });
  }
  const density = instructionDensity(folded);
  if (density !== undefined) reasons.push(density);
  const hidden = folded.hasInvisible ? findHiddenCharacters(text) : { reasons: [], payloads: [] };
  reasons.push(...hidden.reasons);
  const encoded = findEncodedPayloads(text, folded);
  reasons.push(...encoded.reasons);
  if (depth < maximumDepth) {
    for (const payload of [...hidden.payloads, ...encoded.payloads]) {
      const inner = scanAt(payload.text, depth + 1, model);
      const weight =
        inner.score >= 0.5
          ? Math.max(payload.baseWeight, Math.min(0.95, inner.score + 0.15))
          : payload.baseWeight;
      if (weight <= 0) continue;
      reasons.push({
        category: payload.category,
        rule: payload.rule,
        evidence: payload.text.slice(0, 200),
        start: payload.start,
        end: payload.end,
        weight,
      });
    }
  }
  return reasons;
}

function scanAt(text: string, depth: number, model: LinearModel | null): Scored {
  const folded = foldForMatching(text);
  const reasons = ruleReasons(text, folded, depth, model);
  const rules = ruleScore(reasons);
  if (model === null) return { score: rules, reasons };
  const probability = linearProbability(model, folded.text);
  if (probability >= 0.3) {
    reasons.push({
      category: "learned-model",
      rule: "learned-model.linear",
      evidence: `n-gram model probability ${probability.toFixed(2)}`,
      start: 0,
      end: text.length,
      weight: Math.round(probability * 1000) / 1000,
    });
  }
  return { score: combine(rules, probability), reasons };
}

/**
 * The rules' score and the model's probability, as one score (independent evidence, noisy-OR).
 * Without any rule evidence the model counts only above 0.5 — score 2 × (p − 0.5), so it flags
 * on its own from p = 0.75: measured by cross-validation, this kept F1 within 0.01 on the
 * deepset and jackhhao sets and cut false positives on NotInject for a model that never saw
 * NotInject from about 14% to about 3% (docs/benchmarks.md).
 */
function combine(rules: number, probability: number): number {
  const model = rules > 0 ? probability : Math.max(0, 2 * (probability - 0.5));
  return 1 - (1 - rules) * (1 - model);
}

function strongestFirst(first: ScanReason, second: ScanReason): number {
  return second.weight - first.weight || first.start - second.start;
}

/** A detector using `model` (the shipped one in `scanText`, a fold's own in cross-validation). */
export function createInjectionScanner(options: InjectionScannerOptions): InjectionScanner {
  return (text, scanOptions = {}) => {
    const threshold =
      scanOptions.threshold ?? flagThresholds[scanOptions.sensitivity ?? defaultSensitivity];
    const model = scanOptions.learnedModel === false ? null : options.model;
    const { score, reasons } = scanAt(text, 0, model);
    reasons.sort(strongestFirst);
    const rounded = Math.round(score * 1000) / 1000;
    return { score: rounded, flagged: rounded >= threshold, threshold, reasons };
  };
}
