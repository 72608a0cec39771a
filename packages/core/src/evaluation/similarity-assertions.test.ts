import { describe, expect, it } from "vitest";
import type { EmbeddingModel } from "../models/embedding-model.js";
import type { AssertionInput, AssertionServices } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

/** A deterministic embedding: letter counts a–z, so texts with the same letters point the same way. */
function letterEmbedding(modelId = "test/letters"): EmbeddingModel & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    modelId,
    calls,
    async embed(texts) {
      calls.push(texts);
      return texts.map((text) => {
        const vector = new Array<number>(26).fill(0);
        for (const character of text.toLowerCase()) {
          const index = character.charCodeAt(0) - 97;
          if (index >= 0 && index < 26) vector[index] = (vector[index] ?? 0) + 1;
        }
        return vector;
      });
    },
  };
}

async function check(
  spec: AssertionSpec,
  output: string,
  services: AssertionServices = {},
  input: Partial<AssertionInput> = {},
) {
  const { results } = await evaluateAssertions(
    [spec],
    { output, variables: {}, ...input },
    services,
  );
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

describe("similar", () => {
  it("passes at or above the threshold (default 0.8) with the cosine as score", async () => {
    const embeddingModel = letterEmbedding();
    const same = await check({ type: "similar", value: "listen" }, "silent", { embeddingModel });
    expect(same.pass).toBe(true);
    expect(same.score).toBeCloseTo(1, 12);
    expect(embeddingModel.calls).toEqual([["silent", "listen"]]);
    const far = await check({ type: "similar", value: "aaaa" }, "bbbb", { embeddingModel });
    expect(far).toMatchObject({ pass: false, score: 0 });
    // "ab" vs "a": cosine 1/√2 ≈ 0.707.
    expect(
      (await check({ type: "similar", value: "a", threshold: 0.7 }, "ab", { embeddingModel })).pass,
    ).toBe(true);
    expect((await check({ type: "similar", value: "a" }, "ab", { embeddingModel })).pass).toBe(
      false,
    );
  });

  it("uses the expected output, takes the best of several references, and uses the provider given", async () => {
    const own = letterEmbedding("test/own");
    const services: AssertionServices = { modelFor: (id) => (id === "test/own" ? own : undefined) };
    const result = await check(
      { type: "similar", value: ["zzz", "abc"], provider: "test/own" },
      "cab",
      services,
    );
    expect(result.pass).toBe(true);
    expect(own.calls).toHaveLength(1);
    expect(
      (await check({ type: "similar" }, "cab", { embeddingModel: own }, { expected: "abc" })).pass,
    ).toBe(true);
  });

  it("is errored without an embedding model, or when the model fails", async () => {
    const missing = await check({ type: "similar", value: "x" }, "x");
    expect(missing).toMatchObject({ pass: false, errored: true });
    expect(missing.reason).toContain("no embedding model is configured");
    const explained = await check({ type: "similar", value: "x" }, "x", {
      unavailableReasons: { embeddingModel: "set [evaluation] embeddingModel" },
    });
    expect(explained).toMatchObject({ errored: true, reason: "set [evaluation] embeddingModel" });
    const failing: EmbeddingModel = {
      modelId: "test/down",
      embed: () => Promise.reject(new Error("connection refused")),
    };
    const failed = await check({ type: "similar", value: "x" }, "x", { embeddingModel: failing });
    expect(failed.errored).toBe(true);
    expect(failed.reason).toContain("test/down failed: connection refused");
    const short: EmbeddingModel = { modelId: "test/short", embed: async () => [[1]] };
    expect(
      (await check({ type: "similar", value: "x" }, "x", { embeddingModel: short })).errored,
    ).toBe(true);
  });
});

describe("levenshtein", () => {
  it("passes when the full edit distance is within the threshold (default 5)", async () => {
    expect((await check({ type: "levenshtein", value: "kitten" }, "sitting")).pass).toBe(true);
    const strict = await check({ type: "levenshtein", value: "kitten", threshold: 2 }, "sitting");
    expect(strict.pass).toBe(false);
    expect(strict.reason).toContain("it is 3");
    expect(strict.score).toBeCloseTo(1 - 3 / 7, 12);
    expect((await check({ type: "levenshtein", value: "a" }, "abcdefghij")).pass).toBe(false);
  });
});

describe("rouge-n and bleu", () => {
  it("rouge-n passes at or above its threshold (default 0.75) and takes options.n", async () => {
    const output = "the cat sat on the mat";
    expect((await check({ type: "rouge-n", value: "the cat is on the mat" }, output)).pass).toBe(
      true,
    );
    const bigrams = await check(
      { type: "rouge-n", value: "the cat is on the mat", options: { n: 2 } },
      output,
    );
    expect(bigrams).toMatchObject({ pass: false });
    expect(bigrams.score).toBeCloseTo(0.6, 12);
    expect(bigrams.reason).toContain("ROUGE-2");
  });

  it("bleu passes at or above its threshold (default 0.5) and uses the expected output", async () => {
    expect(
      (
        await check(
          { type: "bleu" },
          "the cat is on the mat",
          {},
          { expected: "the cat is on the mat" },
        )
      ).pass,
    ).toBe(true);
    expect(
      (await check({ type: "bleu", value: "the cat is on the mat" }, "the cat sat on the mat"))
        .pass,
    ).toBe(false);
    expect(
      (
        await check(
          { type: "bleu", value: "the cat is on the mat", threshold: 0.4 },
          "the cat sat on the mat",
        )
      ).pass,
    ).toBe(true);
  });
});
