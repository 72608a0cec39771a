import { QuireError } from "../../errors/index.js";
import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { LanguageModel } from "../../models/language-model.js";
import { runBounded } from "../common/bounded-concurrency.js";
import { checkedLimit } from "../common/checked-limit.js";
import { checkTemplate, fillTemplate } from "../common/fill-template.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import { proposedThoughts } from "./proposed-thoughts.js";
import { parseThoughtEvaluation } from "./thought-evaluation.js";
import {
  defaultThoughtTemplates,
  numberedSteps,
  type ThoughtTemplates,
  thoughtTemplatePlaceholders,
} from "./thought-prompts.js";

export type ThoughtSearch = "beam" | "breadth-first";

export interface TreeOfThoughtsOptions extends StrategyCallOptions {
  problem: string;
  /** A system message sent with every call. */
  system?: string;
  /** `beam` (default) keeps the `beamWidth` best states per level; `breadth-first` keeps every
   * state scoring at least `minScore`, up to `maxFrontier`. */
  search?: ThoughtSearch;
  /** Levels of steps; default 3. */
  maxDepth?: number;
  /** Candidate next steps per state; default 3. */
  branching?: number;
  /** States kept per level in beam search; default 2. */
  beamWidth?: number;
  /** States kept per level in breadth-first search, at most; default 8. */
  maxFrontier?: number;
  /** States scoring below this are dropped (0–10); default 1, which drops "impossible". */
  minScore?: number;
  /** Stop early once a kept state scores at least this (0–10). */
  stopScore?: number;
  /** `propose` (default): one call lists `branching` steps; `sample`: one call per step. */
  generation?: "propose" | "sample";
  /** How many states are expanded at once; default 3. */
  concurrency?: number;
  templates?: Partial<ThoughtTemplates>;
  /** Ask for the final answer from the best path (one more call); default true. */
  finalAnswer?: boolean;
}

export interface ThoughtNode {
  id: number;
  /** Undefined for the first steps (children of the problem itself). */
  parentId: number | undefined;
  /** 1 for a first step. */
  depth: number;
  thought: string;
  /** 0–10; 0 when the evaluation could not be read (see `evaluationProblem`). */
  score: number;
  evaluation: string;
  evaluationProblem?: string;
  kept: boolean;
}

export type ThoughtStopReason = "max-depth" | "solved" | "all-pruned" | "no-new-thoughts";

export interface TreeOfThoughtsResult {
  /** The steps of the best path, first to last, with their scores. */
  bestPath: Array<{ depth: number; thought: string; score: number }>;
  /** The score of the path's last state. */
  bestScore: number;
  /** The final answer call's text (trimmed), when `finalAnswer` is on. */
  answer?: string;
  /** Every state evaluated, in order of creation. */
  nodes: ThoughtNode[];
  stopReason: ThoughtStopReason;
  usage: StrategyUsage;
}

interface Search {
  model: UsageMeter;
  options: TreeOfThoughtsOptions;
  templates: ThoughtTemplates;
  branching: number;
}

function messagesFor(search: Search, prompt: string): ChatMessage[] {
  const { system } = search.options;
  const messages: ChatMessage[] = [];
  if (system !== undefined && system !== "") {
    messages.push({ role: "system", content: [{ type: "text", text: system }] });
  }
  messages.push({ role: "user", content: [{ type: "text", text: prompt }] });
  return messages;
}

async function call(search: Search, prompt: string): Promise<string> {
  const result = await search.model.generate(
    requestFor(messagesFor(search, prompt), search.options),
  );
  return result.text;
}

async function generateThoughts(search: Search, steps: string[]): Promise<string[]> {
  const { problem, generation = "propose" } = search.options;
  const depth = String(steps.length + 1);
  const prompt = (count: number) =>
    fillTemplate(search.templates.generator, {
      problem,
      steps: numberedSteps(steps),
      count: String(count),
      depth,
    });
  if (generation === "propose") {
    return proposedThoughts(await call(search, prompt(search.branching)), search.branching);
  }
  const texts: string[] = [];
  for (let index = 0; index < search.branching; index += 1) {
    texts.push(...proposedThoughts(await call(search, prompt(1)), 1));
  }
  return proposedThoughts(texts.join("\n"), search.branching);
}

async function evaluate(search: Search, steps: string[]) {
  const text = await call(
    search,
    fillTemplate(search.templates.evaluator, {
      problem: search.options.problem,
      steps: numberedSteps(steps),
    }),
  );
  const reading = parseThoughtEvaluation(text);
  if (reading !== undefined) return { score: reading.score, evaluation: text };
  return {
    score: 0,
    evaluation: text,
    evaluationProblem:
      'no score found: expected "Score: N" (0–10), "N/10", or sure / likely / impossible',
  };
}

function pathOf(nodes: Map<number, ThoughtNode>, node: ThoughtNode | undefined): ThoughtNode[] {
  const path: ThoughtNode[] = [];
  for (let current = node; current !== undefined; ) {
    path.unshift(current);
    current = current.parentId === undefined ? undefined : nodes.get(current.parentId);
  }
  return path;
}

function best(states: readonly ThoughtNode[]): ThoughtNode | undefined {
  return states.reduce<ThoughtNode | undefined>(
    (top, state) => (top === undefined || state.score > top.score ? state : top),
    undefined,
  );
}

/**
 * Tree of thoughts: from the problem, asks the model for candidate next steps, has the model
 * score each path (0–10 or sure/likely/impossible), keeps the best states per level (beam) or all
 * promising ones (breadth-first), and goes deeper up to `maxDepth`. Returns the best path with its
 * scores, every state explored, why the search stopped, and (by default) a final answer.
 */
export async function treeOfThoughts(
  model: LanguageModel,
  options: TreeOfThoughtsOptions,
): Promise<TreeOfThoughtsResult> {
  const templates = { ...defaultThoughtTemplates, ...options.templates };
  for (const name of Object.keys(thoughtTemplatePlaceholders) as Array<keyof ThoughtTemplates>) {
    checkTemplate(
      templates[name],
      thoughtTemplatePlaceholders[name],
      `tree-of-thoughts ${name} template`,
    );
  }
  if (options.problem.trim() === "") {
    throw new QuireError("VALIDATION_FAILED", "Tree of thoughts needs a problem; it was empty");
  }
  const maxDepth = checkedLimit("Tree of thoughts", "maxDepth", options.maxDepth ?? 3, [1, 10]);
  const branching = checkedLimit("Tree of thoughts", "branching", options.branching ?? 3, [1, 10]);
  const beamWidth = checkedLimit("Tree of thoughts", "beamWidth", options.beamWidth ?? 2, [1, 20]);
  const maxFrontier = checkedLimit(
    "Tree of thoughts",
    "maxFrontier",
    options.maxFrontier ?? 8,
    [1, 50],
  );
  const concurrency = checkedLimit(
    "Tree of thoughts",
    "concurrency",
    options.concurrency ?? 3,
    [1, 20],
  );
  const minScore = checkedLimit(
    "Tree of thoughts",
    "minScore",
    options.minScore ?? 1,
    [0, 10],
    false,
  );
  if (options.stopScore !== undefined) {
    checkedLimit("Tree of thoughts", "stopScore", options.stopScore, [0, 10], false);
  }
  const meter = new UsageMeter(model);
  const search: Search = { model: meter, options, templates, branching };

  const nodes = new Map<number, ThoughtNode>();
  let frontier: ThoughtNode[] = [];
  let stopReason: ThoughtStopReason = "max-depth";
  for (let depth = 1; depth <= maxDepth; depth += 1) {
    const parents: Array<ThoughtNode | undefined> = depth === 1 ? [undefined] : frontier;
    const expansions = await runBounded(parents.length, concurrency, async (index) => {
      const steps = pathOf(nodes, parents[index]).map((node) => node.thought);
      const thoughts = await generateThoughts(search, steps);
      const evaluated = [];
      for (const thought of thoughts) {
        evaluated.push({ thought, ...(await evaluate(search, [...steps, thought])) });
      }
      return evaluated;
    });
    const rejected = expansions.find((expansion) => expansion.status === "rejected");
    if (rejected?.status === "rejected") throw rejected.reason;
    const level: ThoughtNode[] = [];
    for (const expansion of expansions) {
      if (expansion.status !== "fulfilled") continue;
      for (const child of expansion.value) {
        const node: ThoughtNode = {
          id: nodes.size + 1,
          parentId: parents[expansion.index]?.id,
          depth,
          ...child,
          kept: false,
        };
        nodes.set(node.id, node);
        level.push(node);
      }
    }
    if (level.length === 0) {
      if (depth === 1) {
        throw new QuireError(
          "VALIDATION_FAILED",
          "Tree of thoughts: the generator proposed no steps for the problem; check that the generator template asks for a numbered list",
        );
      }
      stopReason = "no-new-thoughts";
      break;
    }
    const ranked = [...level].sort((left, right) => right.score - left.score || left.id - right.id);
    const kept =
      options.search === "breadth-first"
        ? ranked.filter((node) => node.score >= minScore).slice(0, maxFrontier)
        : ranked.filter((node) => node.score >= minScore).slice(0, beamWidth);
    if (kept.length === 0) {
      stopReason = "all-pruned";
      if (frontier.length === 0) frontier = ranked.slice(0, 1); // the best of a bad first level
      break;
    }
    for (const node of kept) node.kept = true;
    frontier = kept;
    if (options.stopScore !== undefined && (kept[0]?.score ?? 0) >= options.stopScore) {
      stopReason = "solved";
      break;
    }
  }

  const path = pathOf(nodes, best(frontier));
  const steps = path.map((node) => node.thought);
  let answer: string | undefined;
  if (options.finalAnswer ?? true) {
    const prompt = fillTemplate(templates.answer, {
      problem: options.problem,
      steps: numberedSteps(steps),
    });
    answer = (await call(search, prompt)).trim();
  }
  return {
    bestPath: path.map(({ depth, thought, score }) => ({ depth, thought, score })),
    bestScore: path.at(-1)?.score ?? 0,
    ...(answer === undefined ? {} : { answer }),
    nodes: [...nodes.values()],
    stopReason,
    usage: meter.usage(),
  };
}
