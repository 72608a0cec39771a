import type { ReactResult, ToolCallingResult } from "@quire/core";

/**
 * A ReAct run for the response's `strategyResult`: every step with its thought, action (tool,
 * input, parsed arguments), observation (as the model saw it, cut at the strategy's limit) and
 * outcome, or its final answer. The model's raw text is kept only for a malformed step.
 */
export function reactTrajectory(result: ReactResult): Record<string, unknown> {
  return {
    status: result.status,
    ...(result.message === undefined ? {} : { message: result.message }),
    steps: result.steps.map((step) => ({
      step: step.step,
      ...(step.thought === undefined ? {} : { thought: step.thought }),
      ...(step.action === undefined ? {} : { action: step.action }),
      ...(step.observation === undefined ? {} : { observation: step.observation }),
      ...(step.outcome === undefined ? {} : { outcome: step.outcome }),
      ...(step.finalAnswer === undefined ? {} : { finalAnswer: step.finalAnswer }),
      ...(step.outcome === "malformed" ? { text: step.text } : {}),
    })),
  };
}

/**
 * A tool-calling run for `strategyResult`: each call the server answered (round, id, tool,
 * arguments, status, the result the model was sent). Not the conversation: when the run stops
 * at client-side calls, the answer's top-level `continuation` carries it (once).
 */
export function toolCallingTrajectory(result: ToolCallingResult): Record<string, unknown> {
  return {
    status: result.status,
    rounds: result.rounds,
    ...(result.message === undefined ? {} : { message: result.message }),
    calls: result.toolCalls.map((record) => ({
      round: record.round,
      id: record.call.id,
      name: record.call.name,
      arguments: record.call.arguments,
      status: record.status,
      result: record.result,
    })),
  };
}

type CallCounts = Record<string, Record<string, number>>;

function count(counts: CallCounts, tool: string, outcome: string): void {
  const byOutcome = counts[tool] ?? {};
  byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  counts[tool] = byOutcome;
}

/**
 * The compact note an execution record keeps of a tool run (its metadata's `quire.tools`):
 * status, steps or rounds, and per tool how many calls ended how — no arguments or results.
 */
export function toolUseSummary(
  run:
    | { strategy: "react"; result: ReactResult }
    | { strategy: "tool-calling"; result: ToolCallingResult },
): Record<string, unknown> {
  const calls: CallCounts = {};
  if (run.strategy === "react") {
    for (const step of run.result.steps) {
      if (step.outcome === undefined) continue;
      count(calls, step.action?.tool ?? "(none)", step.outcome);
    }
    return { status: run.result.status, steps: run.result.steps.length, calls };
  }
  for (const record of run.result.toolCalls) count(calls, record.call.name, record.status);
  for (const call of run.result.pendingToolCalls ?? []) count(calls, call.name, "client-side");
  return { status: run.result.status, rounds: run.result.rounds, calls };
}
