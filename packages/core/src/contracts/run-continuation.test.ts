import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runContinuationSchema } from "./run-continuation.js";

interface Issue {
  path: string;
  message: string;
}

function issuesOf(messages: unknown): Issue[] {
  const parsed = runContinuationSchema.safeParse(messages);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

const call = (id: string, name = "calendar") => ({ id, name, arguments: { day: "monday" } });
const result = (toolCallId: string, content: unknown = "busy") => ({
  role: "tool",
  toolCallId,
  content,
});

/** Turns of a conversation: each an assistant message's call ids, all answered after it. */
const turns = fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1 }), {
  minLength: 1,
  maxLength: 4,
});

function conversationOf(callTurns: number[][]): Record<string, unknown>[] {
  return callTurns.flatMap((ids, turn) => [
    { role: "assistant", toolCalls: ids.map((id) => call(`t${turn}-c${id}`)) },
    ...[...ids].reverse().map((id) => result(`t${turn}-c${id}`, { id })),
  ]);
}

describe("runContinuationSchema", () => {
  it("accepts any conversation whose results answer the calls just before them, in any order", () => {
    fc.assert(
      fc.property(turns, (callTurns) => {
        expect(issuesOf(conversationOf(callTurns))).toEqual([]);
      }),
    );
  });

  it("names the call left without a result, whichever result is dropped", () => {
    fc.assert(
      fc.property(turns, fc.nat(), (callTurns, pick) => {
        const messages = conversationOf(callTurns);
        const results = messages.flatMap((message, index) =>
          message.role === "tool" ? [index] : [],
        );
        const dropped = results[pick % results.length] as number;
        const id = messages[dropped]?.toolCallId as string;
        const issues = issuesOf(messages.filter((_, index) => index !== dropped));
        expect(issues).toHaveLength(1);
        expect(issues[0]?.message).toMatch(
          new RegExp(`^call "${id}" \\(calendar\\) has no result`),
        );
      }),
    );
  });

  it("refuses results for calls no assistant message made, twice, or before any call", () => {
    expect(issuesOf([result("a")])).toEqual([
      {
        path: "0.toolCallId",
        message:
          'is the result of call "a", but no assistant message comes before it: start with {"role": "assistant", "toolCalls": […]} holding the calls the run answered',
      },
    ]);
    expect(
      issuesOf([
        { role: "assistant", toolCalls: [call("a"), call("b")] },
        result("a"),
        result("x"),
        result("b"),
      ]),
    ).toEqual([
      {
        path: "2.toolCallId",
        message:
          'answers call "x", which no assistant message in the request made (calls of messages[0]: "a", "b"); use the id of the call it answers',
      },
    ]);
    expect(
      issuesOf([{ role: "assistant", toolCalls: [call("a")] }, result("a"), result("a")]),
    ).toEqual([
      {
        path: "2.toolCallId",
        message:
          'answers call "a" a second time (messages[1] did already): send one result per call',
      },
    ]);
  });

  it("refuses an unknown role, a result without content or with null, and an assistant message without calls", () => {
    expect(issuesOf([{ role: "user", content: "hi" }])).toEqual([
      {
        path: "0.role",
        message:
          'role must be "assistant" (the model\'s tool calls) or "tool" (one call\'s result)',
      },
    ]);
    const content =
      "must be the tool's result: a string, or a JSON value (object, array, number, boolean) that the model is sent as its JSON text";
    const asked = { role: "assistant", toolCalls: [call("a")] };
    expect(issuesOf([asked, { role: "tool", toolCallId: "a" }])).toEqual([
      { path: "1.content", message: content },
    ]);
    expect(issuesOf([asked, result("a", null)])).toEqual([{ path: "1.content", message: content }]);
    expect(issuesOf([asked, result("a", { rows: [1, 2] })])).toEqual([]);
    expect(issuesOf([{ role: "assistant", toolCalls: [] }])[0]?.path).toBe("0.toolCalls");
  });
});
