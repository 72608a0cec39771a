/**
 * The prompts tree of thoughts sends, as templates with `{{placeholders}}` users can replace.
 * `{{steps}}` is the numbered list of steps so far ("(none yet)" at the root).
 */
export interface ThoughtTemplates {
  /** Asks for `{{count}}` candidate next steps; given problem, steps, count, depth. */
  generator: string;
  /** Asks for a score of a path; given problem, steps. */
  evaluator: string;
  /** Asks for the final answer from the best path; given problem, steps. */
  answer: string;
}

export const thoughtTemplatePlaceholders: Record<keyof ThoughtTemplates, readonly string[]> = {
  generator: ["problem", "steps", "count", "depth"],
  evaluator: ["problem", "steps"],
  answer: ["problem", "steps"],
};

export const defaultThoughtTemplates: ThoughtTemplates = {
  generator: `Problem:
{{problem}}

Steps so far:
{{steps}}

Propose {{count}} different possible next steps (step {{depth}}) toward solving the problem. Write each as one line of a numbered list, and nothing else.`,
  evaluator: `Problem:
{{problem}}

Proposed steps:
{{steps}}

Judge whether these steps are correct and lead toward a solution. Think briefly, then end with a line "Score: N", where N is from 0 (impossible) to 10 (sure to solve it); or end with one word: sure, likely or impossible.`,
  answer: `Problem:
{{problem}}

Steps:
{{steps}}

Using these steps, solve the problem. End with a line "Answer: <final answer>".`,
};

/** Steps as the templates show them: `1. …` per line. */
export function numberedSteps(steps: readonly string[]): string {
  if (steps.length === 0) return "(none yet)";
  return steps.map((step, index) => `${index + 1}. ${step}`).join("\n");
}
