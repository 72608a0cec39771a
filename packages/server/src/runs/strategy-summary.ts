import type { StrategyRun } from "@quire/core";

/** What a run answers about its strategy: the parsed JSON and a short summary of the strategy's result. */
export interface StrategySummary {
  json?: unknown;
  strategyResult?: Record<string, unknown>;
}

/** The parts of a strategy's result worth answering (not every sample's or node's full text). */
export function summarizeStrategy(run: StrategyRun): StrategySummary {
  switch (run.strategy) {
    case "direct":
      return {};
    case "structured-output":
      return { json: run.value, strategyResult: { attempts: run.result.attempts.length } };
    case "self-consistency": {
      const { answer, method, confidence, tie, distribution, successes, failures } = run.result;
      return {
        strategyResult: {
          answer,
          method,
          confidence,
          tie,
          successes,
          failures,
          distribution: distribution.map((share) => ({
            answer: share.answer,
            votes: share.votes,
            share: share.share,
          })),
        },
      };
    }
    case "tree-of-thoughts":
      return {
        strategyResult: {
          stopReason: run.result.stopReason,
          bestScore: run.result.bestScore,
          bestPath: run.result.bestPath,
          nodes: run.result.nodes.length,
        },
      };
    case "react":
      return {
        strategyResult: {
          status: run.result.status,
          steps: run.result.steps.length,
          ...(run.result.message === undefined ? {} : { message: run.result.message }),
        },
      };
    case "tool-calling":
      return {
        strategyResult: {
          status: run.result.status,
          rounds: run.result.rounds,
          toolCalls: run.result.toolCalls.length,
        },
      };
  }
}
