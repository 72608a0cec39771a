import { describe, expect, it } from "vitest";
import { isQuireError } from "../../errors/index.js";
import type { GenerateRequest } from "../../models/language-model.js";
import { modelErrorClassOf } from "../../models/model-error.js";
import { lastUserText, modelError, scriptedModel } from "../../testing/scripted-model.js";
import { parseThoughtEvaluation } from "./thought-evaluation.js";
import { treeOfThoughts } from "./tree-of-thoughts.js";

/** The last step of the path an evaluator prompt shows. */
function lastStep(prompt: string): string {
  const steps = prompt.split("Proposed steps:\n")[1]?.split("\n\n")[0] ?? "";
  return steps.split("\n").at(-1) ?? "";
}

/** A model playing a small game: "good" steps score 9, "ok" likely, "meh" 3/10, "bad" impossible. */
function game(
  proposals: (depth: number) => string = (depth) =>
    `1. good ${depth}\n2. bad ${depth}\n3. ok ${depth}`,
) {
  return scriptedModel((request: GenerateRequest) => {
    const prompt = lastUserText(request);
    const depth = /step (\d+)\)/.exec(prompt)?.[1];
    if (depth !== undefined) return proposals(Number(depth));
    if (prompt.includes("Proposed steps:")) {
      const step = lastStep(prompt);
      if (step.includes("good")) return "This is correct.\nScore: 9";
      if (step.includes("ok")) return "Plausible; likely";
      if (step.includes("meh")) return "Hmm. 3/10";
      if (step.includes("bad")) return "This cannot work: impossible";
      return "I am not sure what to say";
    }
    return `Following the steps.\nAnswer: done after ${prompt.split("\n").filter((line) => /^\d\./.test(line)).length} steps`;
  });
}

describe("treeOfThoughts", () => {
  it("beam search keeps the best states per level and returns the best path with scores", async () => {
    const model = game();
    const result = await treeOfThoughts(model, {
      problem: "Reach the goal.",
      maxDepth: 3,
      beamWidth: 2,
    });
    expect(result.bestPath).toEqual([
      { depth: 1, thought: "good 1", score: 9 },
      { depth: 2, thought: "good 2", score: 9 },
      { depth: 3, thought: "good 3", score: 9 },
    ]);
    expect(result.bestScore).toBe(9);
    expect(result.stopReason).toBe("max-depth");
    expect(result.answer).toBe("Following the steps.\nAnswer: done after 3 steps");
    expect(result.nodes.filter((node) => node.depth === 2)).toHaveLength(6);
    expect(
      result.nodes.filter((node) => node.depth === 1 && node.kept).map((node) => node.thought),
    ).toEqual(["good 1", "ok 1"]);
    // 1 + 2 + 2 generator calls, 3 + 6 + 6 evaluations, 1 answer
    expect(model.callCount).toBe(21);
    expect(result.usage.modelCalls).toBe(21);
  });

  it("breadth-first keeps every state above the minimum score, up to maxFrontier", async () => {
    const proposals = (depth: number) =>
      `- good ${depth}\n- ok ${depth}\n- meh ${depth}\n- bad ${depth}`;
    const wide = await treeOfThoughts(game(proposals), {
      problem: "p",
      search: "breadth-first",
      maxDepth: 2,
      branching: 4,
      finalAnswer: false,
    });
    expect(wide.nodes.filter((node) => node.depth === 1 && node.kept)).toHaveLength(3);
    expect(wide.nodes.filter((node) => node.depth === 2)).toHaveLength(12);
    expect(wide.answer).toBeUndefined();
    const capped = await treeOfThoughts(game(proposals), {
      problem: "p",
      search: "breadth-first",
      maxDepth: 2,
      branching: 4,
      maxFrontier: 1,
      finalAnswer: false,
    });
    expect(capped.nodes.filter((node) => node.depth === 2)).toHaveLength(4);
  });

  it("limits branching, drops duplicate proposals, and stops early once solved", async () => {
    const model = game(() => "1. good a\n2. Good  A\n3. ok b\n4. bad c\n5. ok d");
    const result = await treeOfThoughts(model, {
      problem: "p",
      branching: 2,
      stopScore: 9,
      finalAnswer: false,
    });
    expect(result.nodes.map((node) => node.thought)).toEqual(["good a", "ok b"]);
    expect(result.stopReason).toBe("solved");
  });

  it("samples one call per step when generation is 'sample'", async () => {
    let calls = 0;
    const model = game(() => {
      calls += 1;
      return calls % 2 === 1 ? "good move" : "ok move";
    });
    const result = await treeOfThoughts(model, {
      problem: "p",
      generation: "sample",
      branching: 2,
      maxDepth: 1,
    });
    expect(result.nodes.map((node) => node.thought)).toEqual(["good move", "ok move"]);
    expect(calls).toBe(2);
  });

  it("scores an unreadable evaluation 0 and says why; a level with nothing left stops the search", async () => {
    const result = await treeOfThoughts(
      game(() => "1. mystery"),
      { problem: "p", finalAnswer: false },
    );
    expect(result.stopReason).toBe("all-pruned");
    expect(result.nodes[0]).toMatchObject({
      thought: "mystery",
      score: 0,
      evaluation: "I am not sure what to say",
      evaluationProblem: expect.stringContaining("no score found"),
    });
    expect(result.bestPath).toEqual([{ depth: 1, thought: "mystery", score: 0 }]);
  });

  it("stops when deeper levels propose nothing, and fails when the first proposes nothing", async () => {
    const shallow = await treeOfThoughts(
      game((depth) => (depth === 1 ? "1. good" : "")),
      { problem: "p", finalAnswer: false },
    );
    expect(shallow.stopReason).toBe("no-new-thoughts");
    expect(shallow.bestPath.map((step) => step.thought)).toEqual(["good"]);
    const error = await treeOfThoughts(
      game(() => "   "),
      { problem: "p" },
    ).catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.message).toMatch(/generator proposed no steps/);
  });

  it("lets a model error through with its class", async () => {
    const model = scriptedModel([
      "1. good",
      modelError("context-too-long", "The prompt is too long"),
    ]);
    const error = await treeOfThoughts(model, { problem: "p" }).catch((caught: unknown) => caught);
    expect(modelErrorClassOf(error)).toBe("context-too-long");
  });

  it("uses overridden templates, and refuses unknown placeholders before calling the model", async () => {
    const model = game();
    await treeOfThoughts(model, {
      problem: "Count to three.",
      maxDepth: 1,
      finalAnswer: false,
      templates: {
        generator: "Task: {{problem}}. Give {{count}} ideas (step {{depth}}) after:\n{{steps}}",
      },
    });
    expect(lastUserText(model.requests[0] as GenerateRequest)).toBe(
      "Task: Count to three.. Give 3 ideas (step 1) after:\n(none yet)",
    );
    const unused = scriptedModel([]);
    const error = await treeOfThoughts(unused, {
      problem: "p",
      templates: { evaluator: "Rate {{thought}}" },
    }).catch((caught: unknown) => caught);
    expect(isQuireError(error) && error.message).toBe(
      "The tree-of-thoughts evaluator template uses {{thought}}, which it is not given; it may use {{problem}}, {{steps}}",
    );
    expect(unused.callCount).toBe(0);
  });

  it("checks its limits", async () => {
    const error = await treeOfThoughts(scriptedModel([]), { problem: "p", maxDepth: 0 }).catch(
      (caught: unknown) => caught,
    );
    expect(isQuireError(error) && error.message).toBe(
      "Tree of thoughts: maxDepth must be a whole number from 1 to 10, got 0",
    );
  });
});

describe("parseThoughtEvaluation", () => {
  it("reads scores in the forms models write, the last judgement winning", () => {
    expect(parseThoughtEvaluation("Score: 7")).toEqual({ score: 7, matched: "Score: 7" });
    expect(parseThoughtEvaluation("**Score**: 8/10")?.score).toBe(8);
    expect(parseThoughtEvaluation("I'd say 6 out of 10.")?.score).toBe(6);
    expect(parseThoughtEvaluation("At first impossible, but on reflection: sure")?.score).toBe(10);
    expect(parseThoughtEvaluation("It is unlikely.")?.score).toBe(2);
    expect(parseThoughtEvaluation("reasoning...\n4\n")?.score).toBe(4);
    expect(parseThoughtEvaluation("likely. Score: 3")?.score).toBe(3);
    expect(parseThoughtEvaluation("Score: 3. Seems likely")?.score).toBe(3);
    expect(parseThoughtEvaluation("That is not likely to work")?.score).toBe(2);
    expect(parseThoughtEvaluation("I'm not sure.")).toBeUndefined();
  });

  it("reads nothing from text without a judgement, or a score outside 0–10", () => {
    expect(parseThoughtEvaluation("No idea.")).toBeUndefined();
    expect(parseThoughtEvaluation("Score: 42")).toBeUndefined();
  });
});
