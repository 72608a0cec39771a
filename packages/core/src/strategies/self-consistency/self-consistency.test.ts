import { describe, expect, it } from "vitest";
import { isQuireError, type QuireError } from "../../errors/index.js";
import { modelErrorClassOf } from "../../models/model-error.js";
import { modelError, scriptedModel, userMessage } from "../../testing/scripted-model.js";
import {
  answerLine,
  autoAnswer,
  boxedAnswer,
  jsonAnswer,
  normalizeAnswer,
  patternAnswerExtractor,
} from "./answer-extractors.js";
import { selfConsistency } from "./self-consistency.js";

const question = [userMessage("What is 17 + 25? Think, then write 'Answer: <number>'.")];

async function failureOf(promise: Promise<unknown>): Promise<QuireError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isQuireError(error)) throw new Error(`expected a QuireError, got ${String(error)}`);
  return error;
}

describe("selfConsistency", () => {
  it("samples N times and returns the majority answer with its distribution", async () => {
    const model = scriptedModel([
      "17 + 25 = 42\nAnswer: 42",
      "Let me see... Answer: 41",
      "So the total is\n42.",
      "**Answer:** 42",
      "answer: 41",
    ]);
    const result = await selfConsistency(model, { messages: question, samples: 5 });
    expect(result.answer).toBe("42");
    expect(result.method).toBe("majority");
    expect(
      result.distribution.map((share) => [share.key, share.votes, share.sampleIndexes]),
    ).toEqual([
      ["42", 3, [0, 2, 3]],
      ["41", 2, [1, 4]],
    ]);
    expect(result.confidence).toBeCloseTo(0.6);
    expect(result.text).toBe("17 + 25 = 42\nAnswer: 42");
    expect(result.tie).toBe(false);
    expect(model.callCount).toBe(5);
    expect(model.requests.every((request) => request.temperature === 0.7)).toBe(true);
    expect(result.usage.modelCalls).toBe(5);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
  });

  it("gives each sample its own seed when a seed is set", async () => {
    const model = scriptedModel(() => "Answer: 1");
    await selfConsistency(model, { messages: question, samples: 3, parameters: { seed: 40 } });
    expect(model.requests.map((request) => request.seed).sort()).toEqual([40, 41, 42]);
  });

  it("never runs more calls at once than the concurrency allows", async () => {
    let running = 0;
    let peak = 0;
    const model = scriptedModel(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return "Answer: yes";
    });
    const result = await selfConsistency(model, { messages: question, samples: 7, concurrency: 2 });
    expect(peak).toBe(2);
    expect(result.successes).toBe(7);
  });

  it("weights votes by confidence when every sample has log-probabilities", async () => {
    const sure = [{ token: "B", logprob: -0.01 }];
    const unsure = [{ token: "A", logprob: -2.5 }];
    const model = scriptedModel([
      { text: "Answer: A", logprobs: unsure },
      { text: "Answer: A", logprobs: unsure },
      { text: "Answer: B", logprobs: sure },
    ]);
    const result = await selfConsistency(model, { messages: question, samples: 3, concurrency: 1 });
    expect(result.method).toBe("confidence-weighted");
    expect(result.answer).toBe("B");
    expect(model.requests[0]?.logprobs).toBe(true);
    const [first, second] = result.distribution;
    expect(first?.weight).toBeCloseTo(Math.exp(-0.01));
    expect(second?.votes).toBe(2);
    expect((first?.share ?? 0) + (second?.share ?? 0)).toBeCloseTo(1);
  });

  it("falls back to a majority vote when a sample lacks log-probabilities, or when told to", async () => {
    const script = [
      { text: "Answer: A", logprobs: [{ token: "A", logprob: -3 }] },
      { text: "Answer: A" },
      { text: "Answer: B", logprobs: [{ token: "B", logprob: 0 }] },
    ];
    const mixed = await selfConsistency(scriptedModel(script), {
      messages: question,
      samples: 3,
      concurrency: 1,
    });
    expect(mixed.method).toBe("majority");
    expect(mixed.answer).toBe("A");
    const model = scriptedModel(script);
    const told = await selfConsistency(model, {
      messages: question,
      samples: 3,
      weighting: "majority",
    });
    expect(told.method).toBe("majority");
    expect(model.requests[0]?.logprobs).toBeUndefined();
  });

  it("counts failed samples (model errors, no answer) and still votes with the rest", async () => {
    const model = scriptedModel([
      "Answer: 7",
      modelError("rate-limit", "Too many requests"),
      "   ",
      "Answer: 7",
    ]);
    const result = await selfConsistency(model, { messages: question, samples: 4, concurrency: 1 });
    expect(result.answer).toBe("7");
    expect(result.successes).toBe(2);
    expect(result.failures).toBe(2);
    expect(result.samples[1]).toEqual({
      index: 1,
      status: "failed",
      error: {
        code: "PROVIDER_ERROR",
        message: "Too many requests",
        errorClass: "rate-limit",
        retryable: true,
      },
    });
    expect(result.samples[2]).toMatchObject({
      status: "failed",
      error: { code: "VALIDATION_FAILED" },
    });
  });

  it("fails with the failures' class when every sample fails", async () => {
    const model = scriptedModel(() => modelError("timeout", "The model took too long"));
    const error = await failureOf(selfConsistency(model, { messages: question, samples: 3 }));
    expect(modelErrorClassOf(error)).toBe("timeout");
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      "Self-consistency needs at least 1 successful sample of 3, but 0 succeeded and 3 failed (3 × timeout)",
    );
    expect(error.details.failures).toHaveLength(3);
  });

  it("fails when fewer than the minimum succeed, and stops starting samples once that is certain", async () => {
    const model = scriptedModel([
      modelError("provider-error", "500"),
      "Answer: 1",
      modelError("provider-error", "500"),
      "Answer: 1",
      "Answer: 1",
    ]);
    const error = await failureOf(
      selfConsistency(model, { messages: question, samples: 5, minSuccesses: 4, concurrency: 1 }),
    );
    expect(model.callCount).toBe(3);
    expect(error.message).toContain(
      "needs at least 4 successful samples of 5, but 1 succeeded and 2 failed",
    );
    expect(error.message).toContain("2 were not started");
  });

  it("fails with VALIDATION_FAILED when no sample holds an answer", async () => {
    const model = scriptedModel(() => "");
    const error = await failureOf(selfConsistency(model, { messages: question, samples: 2 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain("(2 × no answer found in the sample)");
  });

  it("uses a custom extractor and a custom normalization", async () => {
    const model = scriptedModel(["The city is PARIS", "the city is paris!", "The city is Lyon"]);
    const result = await selfConsistency(model, {
      messages: question,
      samples: 3,
      extractAnswer: patternAnswerExtractor("city is (\\w+)"),
      normalizeAnswer: (answer) => answer.toLowerCase(),
    });
    expect(result.answer).toBe("PARIS");
    expect(result.distribution[0]?.votes).toBe(2);
  });

  it("refuses nonsense options before calling the model", async () => {
    const model = scriptedModel([]);
    const error = await failureOf(selfConsistency(model, { messages: question, samples: 0 }));
    expect(error.message).toBe(
      "Self-consistency: samples must be a whole number from 1 to 100, got 0",
    );
    const minimum = await failureOf(
      selfConsistency(model, { messages: question, samples: 2, minSuccesses: 3 }),
    );
    expect(minimum.message).toContain("minSuccesses must be a whole number from 1 to 2");
    expect(model.callCount).toBe(0);
  });
});

describe("answer extractors", () => {
  it("reads structured answers before the last line", () => {
    expect(autoAnswer('Reasoning...\n```json\n{"answer": 12, "why": "x"}\n```')).toBe("12");
    expect(autoAnswer("Step 1\nFinal Answer: **Paris**\nHope this helps")).toBe("Paris");
    expect(autoAnswer("so x = \\boxed{\\frac{1}{2}} overall\nDone")).toBe("\\frac{1}{2}");
    expect(autoAnswer("first\nsecond\n\n")).toBe("second");
    expect(answerLine("no label here")).toBeUndefined();
    expect(jsonAnswer('{"other": 1}')).toBeUndefined();
    expect(boxedAnswer("\\boxed{unclosed")).toBeUndefined();
  });

  it("normalizes case, spaces, quotes, full stops and number spellings", () => {
    expect(normalizeAnswer('  "Hello   World."  ')).toBe("hello world");
    expect(normalizeAnswer("1,000.0")).toBe("1000");
    expect(normalizeAnswer("$42")).toBe("42");
    expect(normalizeAnswer("4e2")).toBe("400");
  });

  it("refuses an invalid answer pattern with the reason", () => {
    expect(() => patternAnswerExtractor("(")).toThrow(/not a valid regular expression/);
  });
});
