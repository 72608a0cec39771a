import { type ChatMessage, type ContinuationMessage, QuireError } from "@quire/core";
import type { VersionTools } from "../tools/version-tools.js";
import { describeRunTarget } from "./render-for-run.js";

/** What the continuation's checks read of a prepared run. */
export interface ContinuationTarget {
  name: string;
  rendered: { version: number | null };
  strategy: { strategy: string } | undefined;
  tools: VersionTools;
}

/** A tool result's content as the model reads it: text as is, any other JSON value as JSON. */
function resultText(content: unknown): string {
  return typeof content === "string" ? content : JSON.stringify(content);
}

/**
 * A request's `messages` (already checked by the contract) as messages to append to the render,
 * after checking them against the version: its strategy must be tool calling, and every call
 * must name one of its tools (server-side or client-side). Throws VALIDATION_FAILED with the
 * bad item's path otherwise, before any model call.
 */
export function continuationOf(
  target: ContinuationTarget,
  messages: readonly ContinuationMessage[] | undefined,
): ChatMessage[] | undefined {
  if (messages === undefined) return undefined;
  const where = describeRunTarget(target.name, target.rendered.version);
  const strategy = target.strategy?.strategy ?? "direct";
  if (strategy !== "tool-calling") {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The request's messages continue a tool-calling conversation, and ${where} runs the ${strategy} strategy: leave messages out, or run a version whose config.strategy is "tool-calling".`,
      { details: { field: "messages", strategy } },
    );
  }
  const known = [...target.tools.tools, ...target.tools.clientTools].map((tool) => tool.name);
  const issues: { location: "body"; path: string; message: string }[] = [];
  const names = new Map<string, string>();
  messages.forEach((message, index) => {
    if (message.role !== "assistant") return;
    message.toolCalls.forEach((call, callIndex) => {
      names.set(call.id, call.name);
      if (known.includes(call.name)) return;
      issues.push({
        location: "body",
        path: `messages.${index}.toolCalls.${callIndex}.name`,
        message: `calls "${call.name}", which is not a tool of ${where} (its tools: ${known.join(", ")}); send the calls as the run answered them`,
      });
    });
  });
  if (issues.length > 0) {
    const listed = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
    throw new QuireError("VALIDATION_FAILED", `Invalid request body: ${listed}.`, {
      details: { issues },
    });
  }
  return messages.map((message): ChatMessage => {
    if (message.role === "assistant") {
      return {
        role: "assistant",
        content:
          message.content === undefined || message.content === ""
            ? []
            : [{ type: "text", text: message.content }],
        toolCalls: message.toolCalls.map((call) => ({ ...call })),
      };
    }
    const name = names.get(message.toolCallId);
    return {
      role: "tool",
      toolCallId: message.toolCallId,
      content: [{ type: "text", text: resultText(message.content) }],
      ...(name === undefined ? {} : { name }),
    };
  });
}

/**
 * The conversation after the rendered prompt, in the shape a request's `messages` takes: what an
 * application sends back, with its own tool results appended, to go on from client-side calls.
 * Only assistant messages with calls and tool results are kept (the run stopped at calls).
 */
export function continuationMessagesOf(
  conversation: readonly ChatMessage[],
  renderedCount: number,
): ContinuationMessage[] {
  return conversation.slice(renderedCount).flatMap((message): ContinuationMessage[] => {
    if (message.role === "tool") {
      const text = message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
      return [{ role: "tool", toolCallId: message.toolCallId, content: text }];
    }
    if (message.role !== "assistant" || message.toolCalls === undefined) return [];
    if (message.toolCalls.length === 0) return [];
    const text = message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
    return [
      {
        role: "assistant",
        ...(text === "" ? {} : { content: text }),
        toolCalls: message.toolCalls.map((call) => ({ ...call })),
      },
    ];
  });
}
