import type { ContinuationMessage, StrategyRun, ToolCall } from "@quire/core";
import {
  reactTrajectory,
  toolCallingTrajectory,
  toolUseSummary,
} from "../tools/tool-trajectory.js";
import { continuationMessagesOf } from "./run-continuation.js";

/** What a run answers about its strategy: the parsed JSON and a short summary of the strategy's result. */
export interface StrategySummary {
  json?: unknown;
  strategyResult?: Record<string, unknown>;
  /** Client-side tool calls the caller must run (tool calling stopped at them). */
  toolCalls?: ToolCall[];
  /** With `toolCalls`: the conversation after the render, for the caller to send back. */
  continuation?: ContinuationMessage[];
  /** ReAct and tool calling: what the execution record keeps of the tool use. */
  toolUse?: Record<string, unknown>;
}

/**
 * The parts of a strategy's result worth answering (not every sample's or node's full text).
 * `renderedMessages`: how many messages the render gave (where a continuation starts).
 */
export function summarizeStrategy(run: StrategyRun, renderedMessages = 0): StrategySummary {
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
      return { strategyResult: reactTrajectory(run.result), toolUse: toolUseSummary(run) };
    case "tool-calling": {
      const pending = run.result.pendingToolCalls;
      return {
        strategyResult: toolCallingTrajectory(run.result),
        toolUse: toolUseSummary(run),
        ...(pending === undefined
          ? {}
          : {
              toolCalls: pending,
              continuation: continuationMessagesOf(run.result.messages, renderedMessages),
            }),
      };
    }
  }
}
