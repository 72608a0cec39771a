import { describe, expect, it } from "vitest";
import {
  lastUserText,
  modelError,
  ScriptedModel,
  scriptedModel,
} from "../testing/scripted-model.js";
import type { AssertionInput, AssertionServices } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";

async function check(
  spec: AssertionSpec,
  services: AssertionServices,
  input: Partial<AssertionInput> = {},
) {
  const { results } = await evaluateAssertions(
    [spec],
    {
      output: "Our refund window is 30 days.",
      variables: { topic: "refunds" },
      prompt: "How long for refunds?",
      ...input,
    },
    services,
  );
  const [result] = results;
  if (result === undefined) throw new Error("no result");
  return result;
}

describe("llm-rubric", () => {
  it("renders the rubric, output and prompt into the judge prompt and reads its JSON verdict", async () => {
    const judgeModel = scriptedModel([
      '{"reason": "Answers the question.", "pass": true, "score": 0.9}',
    ]);
    const result = await check(
      { type: "llm-rubric", value: "answers about {{topic}}" },
      { judgeModel },
    );
    expect(result).toMatchObject({ pass: true, score: 0.9 });
    expect(result.reason).toContain("Answers the question.");
    const sent = lastUserText(judgeModel.lastRequest);
    expect(sent).toContain("<Rubric>\nanswers about refunds\n</Rubric>");
    expect(sent).toContain("<Output>\nOur refund window is 30 days.\n</Output>");
    expect(sent).toContain("How long for refunds?");
    expect(judgeModel.lastRequest).toMatchObject({
      temperature: 0,
      responseFormat: { type: "json" },
    });
  });

  it("fails on a failing verdict and when the score is under the threshold", async () => {
    const failing = scriptedModel([
      '```json\n{"pass": false, "score": 0.2, "reason": "rude"}\n```',
    ]);
    expect(
      await check({ type: "llm-rubric", value: "polite" }, { judgeModel: failing }),
    ).toMatchObject({ pass: false, score: 0.2 });
    const low = scriptedModel(['{"pass": true, "score": 0.6, "reason": "ok"}']);
    expect(
      await check({ type: "llm-rubric", value: "polite", threshold: 0.7 }, { judgeModel: low }),
    ).toMatchObject({ pass: false, score: 0.6 });
  });

  it("is errored with the judge's words when it answers garbage", async () => {
    for (const garbage of ["I think it is fine!", '{"pass": "yes"}', '{"score": 7}', "[1, 2]"]) {
      const result = await check(
        { type: "llm-rubric", value: "polite" },
        { judgeModel: scriptedModel([garbage]) },
      );
      expect(result).toMatchObject({ pass: false, errored: true });
      expect(result.reason).toContain("did not answer with JSON {pass, score, reason}");
      expect(result.reason).toContain(JSON.stringify(garbage));
    }
  });

  it("is errored when the judge fails or is missing, and uses the provider named on the assertion", async () => {
    const down = scriptedModel([modelError("unavailable", "Service unavailable")]);
    const failed = await check({ type: "llm-rubric", value: "polite" }, { judgeModel: down });
    expect(failed).toMatchObject({ pass: false, errored: true });
    expect(failed.reason).toContain("the judge scripted/test-model failed: Service unavailable");
    expect((await check({ type: "llm-rubric", value: "polite" }, {})).reason).toContain(
      "no judge model is configured",
    );
    const named = new ScriptedModel({ modelId: "test/judge", responses: ['{"pass": true}'] });
    const services: AssertionServices = {
      modelFor: (id) => (id === "test/judge" ? named : undefined),
    };
    expect(
      await check({ type: "llm-rubric", value: "polite", provider: "test/judge" }, services),
    ).toMatchObject({ pass: true, score: 1 });
    expect(
      (await check({ type: "llm-rubric", value: "p", provider: "test/other" }, services)).errored,
    ).toBe(true);
  });

  it("takes its judge prompt from services.judgePrompts", async () => {
    const judgeModel = scriptedModel(['{"pass": true, "score": 1, "reason": "ok"}']);
    await check(
      { type: "llm-rubric", value: "polite" },
      {
        judgeModel,
        judgePrompts: { llmRubric: "v2 judge: {{rubric}} / {{output}} / {{variables.topic}}" },
      },
    );
    expect(lastUserText(judgeModel.lastRequest)).toBe(
      "v2 judge: polite / Our refund window is 30 days. / refunds",
    );
  });

  it("passes the run's signal to the judge and rejects when the run is cancelled", async () => {
    const controller = new AbortController();
    const judgeModel = scriptedModel([{ text: '{"pass": true}', delayMs: 5000 }]);
    const pending = check(
      { type: "llm-rubric", value: "polite" },
      { judgeModel, signal: controller.signal },
    );
    controller.abort(new Error("run cancelled"));
    await expect(pending).rejects.toThrow("run cancelled");
  });
});

describe("factuality", () => {
  it("scores promptfoo's categories: A, B, C, E pass and D fails", async () => {
    for (const [category, pass] of [
      ["A", true],
      ["B", true],
      ["C", true],
      ["D", false],
      ["E", true],
    ] as const) {
      const judgeModel = scriptedModel([`{"reason": "because", "category": "${category}"}`]);
      const result = await check({ type: "factuality", value: "30 days" }, { judgeModel });
      expect(result.pass).toBe(pass);
      expect(result.reason).toContain(`(${category}, score ${pass ? 1 : 0})`);
    }
  });

  it("sends question, expert answer (from the case when no value) and submission", async () => {
    const judgeModel = scriptedModel(['{"category": "C"}']);
    await check({ type: "factuality" }, { judgeModel }, { expected: "Thirty days." });
    const sent = lastUserText(judgeModel.lastRequest);
    expect(sent).toContain("[Question]: How long for refunds?");
    expect(sent).toContain("[Expert]: Thirty days.");
    expect(sent).toContain("[Submission]: Our refund window is 30 days.");
  });

  it("takes custom category scores and a bare letter answer", async () => {
    const judgeModel = scriptedModel(["(B) The submission adds details."]);
    const result = await check(
      { type: "factuality", value: "x", options: { scores: { superset: 0.4 } } },
      { judgeModel },
    );
    expect(result).toMatchObject({ pass: false, score: 0.4 });
  });

  it("is errored when the judge's category is not A–E", async () => {
    const judgeModel = scriptedModel(['{"category": "F"}']);
    const result = await check({ type: "factuality", value: "x" }, { judgeModel });
    expect(result).toMatchObject({ errored: true, pass: false });
    expect(result.reason).toContain('{\\"category\\": \\"F\\"}');
  });
});
