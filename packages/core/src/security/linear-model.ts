import { decodeBase64 } from "./decode-bytes.js";
import { featuresDot, type SparseFeatures } from "./text-features.js";

/** A logistic regression over hashed text features (see text-features.ts). */
export interface LinearModel {
  bits: number;
  bias: number;
  /** One weight per bucket, each multiplied by `scale`: floats as trained (scale 1), or signed
   * bytes as shipped (a quarter of the memory, which keeps scoring in the processor's cache). */
  weights: Float32Array | Int8Array;
  scale: number;
}

/**
 * A linear model as shipped: weights quantised to signed bytes (weight = byte × scale), base64.
 * Written by scripts/train-injection-model.ts with what it was trained on.
 */
export interface PackedLinearModel {
  bits: number;
  bias: number;
  scale: number;
  weights: string;
  /** How it was made, for people reading the file: data sets, folds, options. */
  trainedOn: readonly string[];
  heldOut: readonly string[];
  options: Readonly<Record<string, number | string | boolean>>;
}

export function unpackLinearModel(packed: PackedLinearModel): LinearModel {
  const bytes = decodeBase64(packed.weights);
  const weights = new Int8Array(1 << packed.bits);
  weights.set(
    new Int8Array(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, weights.length)),
  );
  return { bits: packed.bits, bias: packed.bias, weights, scale: packed.scale };
}

export function linearLogit(model: LinearModel, features: SparseFeatures): number {
  let sum = 0;
  for (let position = 0; position < features.indices.length; position += 1) {
    sum += (model.weights[features.indices[position] ?? 0] ?? 0) * (features.values[position] ?? 0);
  }
  return model.bias + sum * model.scale;
}

export function sigmoid(logit: number): number {
  return 1 / (1 + Math.exp(-logit));
}

/** The model's probability that folded `text` is an injection. */
export function linearProbability(model: LinearModel, foldedText: string): number {
  return sigmoid(model.bias + featuresDot(foldedText, model.bits, model.weights) * model.scale);
}
