import { cosineSimilarity } from "../example-selection/cosine-similarity.js";
import type { EmbeddingModel } from "../models/embedding-model.js";
import { editDistance } from "../text/edit-distance.js";
import type { AssertionServices } from "./assertion-context.js";
import {
  type AssertionHandler,
  type AssertionOutcome,
  asText,
  checkUnitThreshold,
  clampScore,
  errored,
  formatScore,
  outputStart,
  type SpecProblem,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { describeFailure, rethrowIfCancelled } from "./model-call.js";
import { bleu, rougeN } from "./ngram-metrics.js";

/** The reference texts: a string, or a list of them (the best match counts). */
function referencesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(asText) : [asText(value)];
}

function scored(score: number, threshold: number, what: string, output: string): AssertionOutcome {
  const pass = score >= threshold;
  return {
    pass,
    score: clampScore(score),
    reason: pass
      ? `${what} is ${formatScore(score)}, at or above the threshold ${threshold}`
      : `expected ${what} of at least ${threshold}; it is ${formatScore(score)}. Output starts: ${outputStart(output)}`,
  };
}

function embeddingModelFor(
  spec: AssertionSpec,
  services: AssertionServices,
): EmbeddingModel | string {
  if (spec.provider !== undefined) {
    const model = services.modelFor?.(spec.provider);
    if (model !== undefined && "embed" in model) return model;
    return `the provider "${spec.provider}" is not a configured embedding model; configure it, or leave provider out to use the run's embedding model`;
  }
  return (
    services.embeddingModel ??
    services.unavailableReasons?.embeddingModel ??
    "no embedding model is configured; set one for the run (or a provider on this assertion) to use similar"
  );
}

const similar: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  check: checkUnitThreshold,
  async evaluate({ spec, value, input, services }) {
    const model = embeddingModelFor(spec, services);
    if (typeof model === "string") return errored(model);
    const references = referencesOf(value);
    let vectors: number[][];
    try {
      vectors = await model.embed(
        [input.output, ...references],
        services.signal === undefined ? {} : { abortSignal: services.signal },
      );
    } catch (error) {
      rethrowIfCancelled(services.signal);
      return errored(`the embedding model ${model.modelId} failed: ${describeFailure(error)}`);
    }
    const [outputVector, ...referenceVectors] = vectors;
    if (outputVector === undefined || referenceVectors.length !== references.length) {
      return errored(
        `the embedding model ${model.modelId} returned ${vectors.length} vectors for ${references.length + 1} texts`,
      );
    }
    let best = Number.NEGATIVE_INFINITY;
    try {
      for (const vector of referenceVectors) {
        best = Math.max(best, cosineSimilarity(outputVector, vector));
      }
    } catch (error) {
      return errored(`the embeddings cannot be compared: ${describeFailure(error)}`);
    }
    return scored(best, spec.threshold ?? 0.8, "the cosine similarity", input.output);
  },
};

function checkDistanceThreshold(spec: AssertionSpec): SpecProblem | undefined {
  if (spec.threshold === undefined || spec.threshold >= 0) return undefined;
  return {
    field: "threshold",
    message: `threshold ${spec.threshold} is out of range; levenshtein takes the largest edit distance allowed (0 or more)`,
  };
}

const levenshtein: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  check: checkDistanceThreshold,
  evaluate({ spec, value, input }) {
    const expected = asText(value);
    const threshold = spec.threshold ?? 5;
    const distance = editDistance(input.output, expected);
    const longest = Math.max(input.output.length, expected.length);
    const score = longest === 0 ? 1 : 1 - distance / longest;
    const pass = distance <= threshold;
    return {
      pass,
      score: clampScore(score),
      reason: pass
        ? `the edit distance to ${outputStart(expected, 40)} is ${distance}, within ${threshold}`
        : `expected an edit distance of at most ${threshold} to ${outputStart(expected, 40)}; it is ${distance}. Output starts: ${outputStart(input.output)}`,
    };
  },
};

function checkRouge(spec: AssertionSpec): SpecProblem | undefined {
  const n = spec.options?.n;
  if (n !== undefined && !(typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 10)) {
    return {
      field: "options",
      message: `options.n must be a whole number from 1 to 10, not ${JSON.stringify(n)}`,
    };
  }
  return checkUnitThreshold(spec);
}

const rouge: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  check: checkRouge,
  evaluate({ spec, value, input }) {
    const n = typeof spec.options?.n === "number" ? spec.options.n : 1;
    const score = Math.max(
      ...referencesOf(value).map((reference) => rougeN(input.output, reference, n)),
    );
    return scored(score, spec.threshold ?? 0.75, `ROUGE-${n}`, input.output);
  },
};

const bleuHandler: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  check: checkUnitThreshold,
  evaluate({ spec, value, input }) {
    const score = bleu(input.output, referencesOf(value));
    return scored(score, spec.threshold ?? 0.5, "BLEU", input.output);
  },
};

/** similar, levenshtein, rouge-n and bleu. */
export const similarityAssertions: Record<string, AssertionHandler> = {
  similar,
  levenshtein,
  "rouge-n": rouge,
  bleu: bleuHandler,
};
