import type { LanguageModel } from "../models/language-model.js";
import { handlebarsEngine } from "../templates/engines/handlebars-engine.js";
import type { CompiledTemplate } from "../templates/template-engine.js";
import type { AssertionServices } from "./assertion-context.js";
import {
  type AssertionHandler,
  type AssertionOutcome,
  asText,
  checkUnitThreshold,
  errored,
  formatScore,
  type SpecProblem,
} from "./assertion-handler.js";
import type { AssertionSpec } from "./assertion-spec.js";
import {
  defaultFactualityPrompt,
  defaultFactualityScores,
  defaultLlmRubricPrompt,
  type FactualityCategory,
  factualityCategoryNames,
} from "./judge-prompts.js";
import { judgeSnippet, parseFactualityVerdict, parseRubricVerdict } from "./judge-verdict.js";
import { describeFailure, rethrowIfCancelled } from "./model-call.js";

const compiledPrompts = new Map<string, CompiledTemplate>();

function renderJudgePrompt(source: string, variables: Record<string, unknown>): string {
  let template = compiledPrompts.get(source);
  if (template === undefined) {
    template = handlebarsEngine.compile(source);
    if (compiledPrompts.size > 100) compiledPrompts.clear();
    compiledPrompts.set(source, template);
  }
  return template(variables);
}

function judgeFor(spec: AssertionSpec, services: AssertionServices): LanguageModel | string {
  if (spec.provider !== undefined) {
    const model = services.modelFor?.(spec.provider);
    if (model !== undefined && "generate" in model) return model;
    return `the provider "${spec.provider}" is not a configured language model; configure it, or leave provider out to use the run's judge model`;
  }
  return (
    services.judgeModel ??
    `no judge model is configured; set one for the run (or a provider on this assertion) to use ${spec.type}`
  );
}

/** Renders the judge prompt, asks the judge, and returns its text or why that failed. */
async function askJudge(
  spec: AssertionSpec,
  services: AssertionServices,
  template: string,
  variables: Record<string, unknown>,
): Promise<{ text: string; modelId: string } | AssertionOutcome> {
  const judge = judgeFor(spec, services);
  if (typeof judge === "string") return errored(judge);
  let prompt: string;
  try {
    prompt = renderJudgePrompt(template, variables);
  } catch (error) {
    return errored(`the judge prompt for ${spec.type} does not render: ${describeFailure(error)}`);
  }
  try {
    const result = await judge.generate({
      messages: [{ role: "user", content: [{ type: "text", text: prompt }] }],
      temperature: 0,
      responseFormat: { type: "json" },
      ...(services.signal === undefined ? {} : { abortSignal: services.signal }),
    });
    return { text: result.text, modelId: judge.modelId };
  } catch (error) {
    rethrowIfCancelled(services.signal);
    return errored(`the judge ${judge.modelId} failed: ${describeFailure(error)}`);
  }
}

const llmRubric: AssertionHandler = {
  requiresValue: true,
  check: checkUnitThreshold,
  async evaluate({ spec, value, input, services }) {
    const answer = await askJudge(
      spec,
      services,
      services.judgePrompts?.llmRubric ?? defaultLlmRubricPrompt,
      {
        output: input.output,
        rubric: asText(value),
        prompt: input.prompt ?? "",
        expected: asText(input.expected),
        variables: input.variables,
      },
    );
    if (!("text" in answer)) return answer;
    const verdict = parseRubricVerdict(answer.text);
    if (verdict === undefined) {
      return errored(
        `the judge ${answer.modelId} did not answer with JSON {pass, score, reason}; it said: ${judgeSnippet(answer.text)}`,
      );
    }
    const threshold = spec.threshold;
    const score = verdict.score ?? (verdict.pass === true ? 1 : 0);
    const judged = verdict.pass ?? score >= (threshold ?? 0.5);
    const pass = judged && (threshold === undefined || score >= threshold);
    const because = verdict.reason === "" ? "" : `: ${verdict.reason}`;
    return {
      pass,
      score,
      reason: `the judge ${pass ? "passed" : "failed"} it (score ${formatScore(score)}${threshold === undefined ? "" : `, threshold ${threshold}`})${because}`,
    };
  },
};

function scoresOf(spec: AssertionSpec): Record<FactualityCategory, number> {
  const scores = { ...defaultFactualityScores };
  const given = spec.options?.scores;
  if (typeof given !== "object" || given === null) return scores;
  for (const [key, score] of Object.entries(given)) {
    const category =
      factualityCategoryNames[key] ??
      (/^[A-E]$/.test(key) ? (key as FactualityCategory) : undefined);
    if (category !== undefined && typeof score === "number") scores[category] = score;
  }
  return scores;
}

function checkFactuality(spec: AssertionSpec): SpecProblem | undefined {
  const given = spec.options?.scores;
  if (given !== undefined) {
    const entries = typeof given === "object" && given !== null ? Object.entries(given) : [];
    const bad = entries.find(
      ([key, score]) =>
        (factualityCategoryNames[key] === undefined && !/^[A-E]$/.test(key)) ||
        typeof score !== "number" ||
        score < 0 ||
        score > 1,
    );
    if (entries.length === 0 || bad !== undefined) {
      return {
        field: "options",
        message: `options.scores maps categories A–E (or ${Object.keys(factualityCategoryNames).join(", ")}) to scores from 0 to 1`,
      };
    }
  }
  return checkUnitThreshold(spec);
}

const factualityLabels: Record<FactualityCategory, string> = {
  A: "a consistent subset of the expected answer",
  B: "a consistent superset of the expected answer",
  C: "the same details as the expected answer",
  D: "in disagreement with the expected answer",
  E: "different from the expected answer in ways that do not matter for factuality",
};

const factuality: AssertionHandler = {
  valueFromExpected: true,
  requiresValue: true,
  check: checkFactuality,
  async evaluate({ spec, value, input, services }) {
    const answer = await askJudge(
      spec,
      services,
      services.judgePrompts?.factuality ?? defaultFactualityPrompt,
      {
        question: input.prompt ?? "",
        expert: asText(value),
        submission: input.output,
        output: input.output,
        variables: input.variables,
      },
    );
    if (!("text" in answer)) return answer;
    const verdict = parseFactualityVerdict(answer.text);
    if (verdict === undefined) {
      return errored(
        `the judge ${answer.modelId} did not answer with JSON {category: "A"–"E", reason}; it said: ${judgeSnippet(answer.text)}`,
      );
    }
    const score = scoresOf(spec)[verdict.category];
    const threshold = spec.threshold ?? 0.5;
    const pass = score >= threshold;
    const because = verdict.reason === "" ? "" : `: ${verdict.reason}`;
    return {
      pass,
      score,
      reason: `the judge found the output ${factualityLabels[verdict.category]} (${verdict.category}, score ${formatScore(score)})${because}`,
    };
  },
};

/** llm-rubric and factuality. */
export const judgeAssertions: Record<string, AssertionHandler> = {
  "llm-rubric": llmRubric,
  factuality,
};
