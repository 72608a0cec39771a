import { QuireError } from "../../errors/index.js";
import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { LanguageModel } from "../../models/language-model.js";
import { type ModelErrorClass, modelError } from "../../models/model-error.js";
import { runBounded } from "../common/bounded-concurrency.js";
import { checkedLimit } from "../common/checked-limit.js";
import { type FailureSummary, summarizeFailure } from "../common/failure-summary.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import {
  type AnswerExtractor,
  type AnswerExtractorName,
  namedAnswerExtractor,
  normalizeAnswer,
} from "./answer-extractors.js";
import {
  type Ballot,
  confidenceFromLogprobs,
  countVotes,
  type VoteShare,
} from "./vote-counting.js";

export type VoteWeighting = "auto" | "majority" | "confidence";

export interface SelfConsistencyOptions extends StrategyCallOptions {
  messages: ChatMessage[];
  /** How many samples to draw; default 5. */
  samples?: number;
  /** How many calls run at once; default 3. */
  concurrency?: number;
  /** Fewer successful samples than this is a failure; default 1 (fail only if all fail). */
  minSuccesses?: number;
  /** What a sample votes for; default `auto` (structured answer, else the last line). */
  extractAnswer?: AnswerExtractor | AnswerExtractorName;
  /** The key votes are counted under; default `normalizeAnswer`. */
  normalizeAnswer?: (answer: string) => string;
  /** `auto` (default): weight by confidence when every sample has log-probabilities. */
  weighting?: VoteWeighting;
  /** Used when `parameters.temperature` is not given (samples must differ); default 0.7. A
   * `parameters.seed` becomes seed + sample index, so the samples differ but replay the same. */
  defaultTemperature?: number;
}

export type SampleOutcome =
  | {
      index: number;
      status: "ok";
      text: string;
      answer: string;
      key: string;
      /** exp(mean token logprob), when the model returned log-probabilities. */
      confidence?: number;
    }
  | { index: number; status: "failed"; error: FailureSummary };

export interface SelfConsistencyResult {
  /** The winning answer, as the first sample that gave it wrote it. */
  answer: string;
  /** The whole text of that sample. */
  text: string;
  method: "majority" | "confidence-weighted";
  /** The winner's share of the (weighted) votes, 0–1. */
  confidence: number;
  tie: boolean;
  distribution: VoteShare[];
  samples: SampleOutcome[];
  successes: number;
  failures: number;
  usage: StrategyUsage;
}

function positiveInteger(value: number, name: string, maximum: number): number {
  return checkedLimit("Self-consistency", name, value, [1, maximum]);
}

const noAnswer = (index: number): QuireError =>
  new QuireError("VALIDATION_FAILED", "no answer found in the sample", {
    details: { sampleIndex: index },
  });

/**
 * Draws N samples of the same prompt (bounded concurrency), extracts each one's answer and
 * returns the most voted (or most confidently voted) answer with the whole vote distribution.
 * Failed samples (model errors, no answer) are counted and reported; the call fails only when
 * fewer than `minSuccesses` samples succeed, with the classified error of the failures.
 */
export async function selfConsistency(
  model: LanguageModel,
  options: SelfConsistencyOptions,
): Promise<SelfConsistencyResult> {
  const samples = positiveInteger(options.samples ?? 5, "samples", 100);
  const concurrency = positiveInteger(options.concurrency ?? 3, "concurrency", 100);
  const minSuccesses = positiveInteger(options.minSuccesses ?? 1, "minSuccesses", samples);
  const extract =
    typeof options.extractAnswer === "function"
      ? options.extractAnswer
      : namedAnswerExtractor(options.extractAnswer ?? "auto");
  const keyOf = options.normalizeAnswer ?? normalizeAnswer;
  const weighting = options.weighting ?? "auto";
  const meter = new UsageMeter(model);
  const request = requestFor(options.messages, options, {
    temperature: options.parameters?.temperature ?? options.defaultTemperature ?? 0.7,
    ...(weighting === "majority" ? {} : { logprobs: true }),
  });

  let failed = 0;
  const settled = await runBounded(
    samples,
    concurrency,
    async (index) => {
      try {
        // With a seed, each sample gets its own (seed + index): different, yet reproducible.
        const seed = request.seed === undefined ? {} : { seed: request.seed + index };
        const result = await meter.generate({ ...request, ...seed });
        const answer = extract(result.text, result);
        if (answer === undefined || answer.trim() === "") throw noAnswer(index);
        const confidence = confidenceFromLogprobs(result.logprobs);
        return { text: result.text, answer, key: keyOf(answer), confidence };
      } catch (error) {
        failed += 1;
        throw error;
      }
    },
    // Once too many have failed, the rest cannot save the vote: start no more calls.
    () => failed > samples - minSuccesses || options.abortSignal?.aborted === true,
  );
  const outcomes: SampleOutcome[] = settled.map((each) => {
    if (each.status === "fulfilled") {
      const { confidence, ...value } = each.value;
      return {
        index: each.index,
        status: "ok",
        ...value,
        ...(confidence === undefined ? {} : { confidence }),
      };
    }
    return { index: each.index, status: "failed", error: summarizeFailure(each.reason) };
  });
  options.abortSignal?.throwIfAborted();
  const succeeded = outcomes.flatMap((outcome) => (outcome.status === "ok" ? [outcome] : []));
  if (succeeded.length < minSuccesses) {
    throw tooFewSamples(outcomes, settled, { samples, minSuccesses, modelId: model.modelId });
  }

  const weighted =
    weighting !== "majority" && succeeded.every((sample) => sample.confidence !== undefined);
  const ballots: Ballot[] = succeeded.map((sample) => ({
    answer: sample.answer,
    key: sample.key,
    weight: weighted ? (sample.confidence ?? 0) : 1,
    sampleIndex: sample.index,
  }));
  const { winner, distribution, tie } = countVotes(ballots);
  const first = succeeded.find((sample) => sample.index === winner?.sampleIndexes[0]);
  return {
    answer: winner?.answer ?? "",
    text: first?.text ?? "",
    method: weighted ? "confidence-weighted" : "majority",
    confidence: winner?.share ?? 0,
    tie,
    distribution,
    samples: outcomes,
    successes: succeeded.length,
    failures: outcomes.length - succeeded.length,
    usage: meter.usage(),
  };
}

function tooFewSamples(
  outcomes: SampleOutcome[],
  settled: ReadonlyArray<{ status: string; reason?: unknown }>,
  context: { samples: number; minSuccesses: number; modelId: string },
): QuireError {
  const failures = outcomes.flatMap((outcome) => (outcome.status === "failed" ? [outcome] : []));
  const succeeded = outcomes.length - failures.length;
  const byReason = new Map<string, number>();
  for (const failure of failures) {
    const reason = failure.error.errorClass ?? failure.error.message;
    byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
  }
  const reasons = [...byReason].map(([reason, count]) => `${count} × ${reason}`).join(", ");
  const notStarted = context.samples - outcomes.length;
  const message = `Self-consistency needs at least ${context.minSuccesses} successful sample${context.minSuccesses === 1 ? "" : "s"} of ${context.samples}, but ${succeeded} succeeded and ${failures.length} failed (${reasons})${notStarted > 0 ? `; ${notStarted} were not started` : ""}`;
  const details = {
    samples: context.samples,
    minSuccesses: context.minSuccesses,
    successes: succeeded,
    failures: failures.map((failure) => ({ index: failure.index, ...failure.error })),
  };
  const cause = settled.find((each) => each.status === "rejected")?.reason;
  const classes = failures.flatMap((failure) =>
    failure.error.errorClass === undefined ? [] : [failure.error.errorClass],
  );
  if (classes.length === 0) return new QuireError("VALIDATION_FAILED", message, { details, cause });
  return modelError(mostCommon(classes), message, {
    details,
    cause,
    modelId: context.modelId,
    retryable: failures.every((failure) => failure.error.retryable),
  });
}

function mostCommon(classes: ModelErrorClass[]): ModelErrorClass {
  const counts = new Map<ModelErrorClass, number>();
  for (const each of classes) counts.set(each, (counts.get(each) ?? 0) + 1);
  return [...counts].sort((left, right) => right[1] - left[1])[0]?.[0] ?? "provider-error";
}
