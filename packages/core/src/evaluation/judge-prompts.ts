/**
 * The built-in judge prompts (Handlebars). A project can replace them with versioned Quire prompts
 * through `AssertionServices.judgePrompts`; a replacement gets the same variables.
 *
 * llm-rubric: `output`, `rubric`, `prompt` (the rendered prompt, when known), `expected`,
 * `variables`. The judge must answer `{"pass": boolean, "score": 0–1, "reason": string}`.
 */
export const defaultLlmRubricPrompt = `You are grading the output of an AI system against a rubric.
{{#if prompt}}

<Prompt>
{{prompt}}
</Prompt>
{{/if}}

<Output>
{{output}}
</Output>

<Rubric>
{{rubric}}
</Rubric>

Decide whether the output meets the rubric. Answer with only a JSON object and no other text:
{"reason": "<why, in one or two sentences>", "pass": <true or false>, "score": <a number from 0 to 1>}`;

/**
 * factuality, after promptfoo's (and OpenAI evals') factuality prompt: `question` (the rendered
 * prompt), `expert` (the expected answer), `submission` (the output). The judge must answer
 * `{"category": "A"–"E", "reason": string}`.
 */
export const defaultFactualityPrompt = `You are comparing a submitted answer to an expert answer on a given question. Here is the data:
[BEGIN DATA]
************
[Question]: {{question}}
************
[Expert]: {{expert}}
************
[Submission]: {{submission}}
************
[END DATA]

Compare the factual content of the submitted answer with the expert answer. Ignore any differences in style, grammar, or punctuation.
The submitted answer may either be a subset or superset of the expert answer, or it may conflict with it. Determine which case applies by selecting one of the following options:
(A) The submitted answer is a subset of the expert answer and is fully consistent with it.
(B) The submitted answer is a superset of the expert answer and is fully consistent with it.
(C) The submitted answer contains all the same details as the expert answer.
(D) There is a disagreement between the submitted answer and the expert answer.
(E) The answers differ, but these differences don't matter from the perspective of factuality.

Answer with only a JSON object and no other text:
{"reason": "<why, in one or two sentences>", "category": "<A, B, C, D or E>"}`;

/** What each factuality category scores unless `options.scores` says otherwise. */
export const defaultFactualityScores: Readonly<Record<FactualityCategory, number>> = {
  A: 1,
  B: 1,
  C: 1,
  D: 0,
  E: 1,
};

export type FactualityCategory = "A" | "B" | "C" | "D" | "E";

/** promptfoo's names for the categories, accepted as keys of `options.scores`. */
export const factualityCategoryNames: Readonly<Record<string, FactualityCategory>> = {
  subset: "A",
  superset: "B",
  agree: "C",
  disagree: "D",
  differButFactual: "E",
};
