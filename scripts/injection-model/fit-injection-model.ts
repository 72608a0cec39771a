/**
 * How the shipped injection model is trained — used by scripts/train-injection-model.ts for the
 * shipped weights and by the benchmark for each cross-validation fold, so both train alike.
 */
import { foldForMatching, type LinearModel, type SparseFeatures, textFeatures } from "@quire/core";
import type { LabelledText } from "./load-injection-datasets.js";
import {
  defaultTrainingOptions,
  type TrainingExample,
  type TrainingOptions,
  trainLogisticRegression,
} from "./train-logistic-regression.js";

/** Features of each row, computed once (folds reuse them). */
export function featuresOf(rows: readonly LabelledText[], bits: number): SparseFeatures[] {
  return rows.map((row) => textFeatures(foldForMatching(row.text).text, bits));
}

/**
 * Each (set, label) group weighs the same in total, so that the 1,998-row jailbreak set does not
 * drown the 546-row deepset set, and the benign-only NotInject rows count as much as one class of
 * another set. Weights average 1 over the rows.
 */
export function balancedWeights(rows: readonly LabelledText[]): number[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.set}:${row.label}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const perGroup = rows.length / counts.size;
  return rows.map((row) => perGroup / (counts.get(`${row.set}:${row.label}`) ?? 1));
}

export function fitInjectionModel(
  rows: readonly LabelledText[],
  features: readonly SparseFeatures[],
  options: TrainingOptions = defaultTrainingOptions,
): LinearModel {
  const weights = balancedWeights(rows);
  const examples: TrainingExample[] = rows.map((row, index) => ({
    features: features[index] as SparseFeatures,
    label: row.label,
    weight: weights[index] ?? 1,
  }));
  return trainLogisticRegression(examples, options);
}
