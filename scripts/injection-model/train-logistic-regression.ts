/**
 * Logistic regression over sparse hashed features, trained by stochastic gradient descent with
 * AdaGrad step sizes and L2 regularisation, in a seeded order (the same data and options give
 * the same weights). Small enough for the few thousand texts of the injection sets.
 */
import type { LinearModel, PackedLinearModel, SparseFeatures } from "@quire/core";
import { seededRandom, shuffle } from "./seeded-random.js";

export interface TrainingExample {
  features: SparseFeatures;
  label: 0 | 1;
  /** How much this example counts (to balance sets and classes). */
  weight: number;
}

export interface TrainingOptions {
  bits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  bits: 16,
  epochs: 12,
  learningRate: 0.2,
  l2: 1e-4,
  seed: 20_261_121,
};

export function trainLogisticRegression(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
): LinearModel {
  const size = 1 << options.bits;
  const weights = new Float64Array(size);
  const squaredGradients = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let biasSquaredGradient = 1e-8;
  const random = seededRandom(options.seed);
  const order = examples.map((_example, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    for (const position of order) {
      const example = examples[position];
      if (example === undefined) continue;
      const { indices, values } = example.features;
      let logit = bias;
      for (let feature = 0; feature < indices.length; feature += 1) {
        logit += (weights[indices[feature] ?? 0] ?? 0) * (values[feature] ?? 0);
      }
      const probability = 1 / (1 + Math.exp(-logit));
      const error = (probability - example.label) * example.weight;
      for (let feature = 0; feature < indices.length; feature += 1) {
        const index = indices[feature] ?? 0;
        const weight = weights[index] ?? 0;
        const gradient = error * (values[feature] ?? 0) + options.l2 * weight;
        squaredGradients[index] = (squaredGradients[index] ?? 0) + gradient * gradient;
        weights[index] =
          weight - (options.learningRate * gradient) / Math.sqrt(squaredGradients[index] ?? 1);
      }
      biasSquaredGradient += error * error;
      bias -= (options.learningRate * error) / Math.sqrt(biasSquaredGradient);
    }
  }
  return { bits: options.bits, bias, weights: Float32Array.from(weights), scale: 1 };
}

/** Weights as signed bytes (weight ≈ byte × scale), base64: what ships in core. */
export function packLinearModel(
  model: LinearModel,
  about: Pick<PackedLinearModel, "trainedOn" | "heldOut" | "options">,
): PackedLinearModel {
  let largest = 0;
  for (const weight of model.weights) largest = Math.max(largest, Math.abs(weight * model.scale));
  const scale = largest > 0 ? largest / 127 : 1;
  const bytes = new Uint8Array(model.weights.length);
  for (let index = 0; index < model.weights.length; index += 1) {
    const weight = (model.weights[index] ?? 0) * model.scale;
    const quantised = Math.max(-127, Math.min(127, Math.round(weight / scale)));
    bytes[index] = quantised & 0xff;
  }
  return {
    bits: model.bits,
    bias: model.bias,
    scale,
    weights: Buffer.from(bytes).toString("base64"),
    ...about,
  };
}
