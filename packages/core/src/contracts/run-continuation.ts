import { z } from "zod";

/** Most messages one run request may append after the rendered prompt. */
export const maximumContinuationMessages = 500;

const toolCallIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((text) => !text.includes("\u0000"), "must not contain NUL characters (\\u0000)");

/** One tool call of an assistant message, as a run answered it in `toolCalls`. */
export const continuationToolCallSchema = z.strictObject({
  id: toolCallIdSchema.describe("The call's id, as the run answered it"),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a tool name: 1–64 letters, digits, "_" or "-"'),
  arguments: z.record(z.string(), z.unknown()).describe("The call's arguments (a JSON object)"),
});

export const continuationAssistantMessageSchema = z
  .strictObject({
    role: z.literal("assistant"),
    content: z.string().optional().describe("The model's text alongside its calls, if any"),
    toolCalls: z
      .array(continuationToolCallSchema)
      .min(1, "must list the calls the model made (at least one): the run's toolCalls")
      .max(256),
  })
  .describe("The model's tool calls (a run's toolCalls, with their ids)");

export const continuationToolMessageSchema = z
  .strictObject({
    role: z.literal("tool"),
    toolCallId: toolCallIdSchema.describe("The id of the call this is the result of"),
    content: z
      .unknown()
      .refine(
        (value) => value !== undefined && value !== null,
        "must be the tool's result: a string, or a JSON value (object, array, number, boolean) that the model is sent as its JSON text",
      )
      .describe("The result: a string, or any JSON value but null (sent as its JSON text)"),
  })
  .describe("The result of one tool call, which the application ran");

export const continuationMessageSchema = z.discriminatedUnion(
  "role",
  [continuationAssistantMessageSchema, continuationToolMessageSchema],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? 'role must be "assistant" (the model\'s tool calls) or "tool" (one call\'s result)'
        : undefined,
  },
);
export type ContinuationMessage = z.infer<typeof continuationMessageSchema>;

interface OpenCall {
  name: string;
  /** Where the call was made: its assistant message's index and its place in toolCalls. */
  at: [number, number];
}

/**
 * The checks across messages: every tool result answers a call of the assistant message before
 * it, once; every call of an assistant message is answered before the next assistant message
 * (and before the end); no two calls share an id. Issues carry the bad item's path.
 */
function checkConversation(messages: readonly ContinuationMessage[], context: z.RefinementCtx) {
  const seenCalls = new Map<string, number>();
  const answered = new Map<string, number>();
  let open = new Map<string, OpenCall>();
  let lastAssistant: number | undefined;
  const reportUnanswered = (before: string) => {
    for (const [id, call] of open) {
      context.addIssue({
        code: "custom",
        path: [call.at[0], "toolCalls", call.at[1], "id"],
        message: `call "${id}" (${call.name}) has no result: add {"role": "tool", "toolCallId": "${id}", "content": …} after messages[${call.at[0]}] and ${before}`,
      });
    }
  };
  messages.forEach((message, index) => {
    if (message.role === "assistant") {
      reportUnanswered(`before messages[${index}] (the next assistant message)`);
      open = new Map();
      lastAssistant = index;
      message.toolCalls.forEach((call, callIndex) => {
        const earlier = seenCalls.get(call.id);
        if (earlier !== undefined) {
          context.addIssue({
            code: "custom",
            path: [index, "toolCalls", callIndex, "id"],
            message: `repeats the call id "${call.id}" of messages[${earlier}]: each call has its own id, as the run answered it`,
          });
          return;
        }
        seenCalls.set(call.id, index);
        open.set(call.id, { name: call.name, at: [index, callIndex] });
      });
      return;
    }
    const first = answered.get(message.toolCallId);
    if (first !== undefined) {
      context.addIssue({
        code: "custom",
        path: [index, "toolCallId"],
        message: `answers call "${message.toolCallId}" a second time (messages[${first}] did already): send one result per call`,
      });
      return;
    }
    if (!open.has(message.toolCallId)) {
      const made = lastAssistant === undefined ? undefined : seenCalls.has(message.toolCallId);
      context.addIssue({
        code: "custom",
        path: [index, "toolCallId"],
        message:
          lastAssistant === undefined
            ? `is the result of call "${message.toolCallId}", but no assistant message comes before it: start with {"role": "assistant", "toolCalls": […]} holding the calls the run answered`
            : made === true
              ? `answers call "${message.toolCallId}", made in an earlier assistant message: put each result right after the assistant message that made its call`
              : `answers call "${message.toolCallId}", which no assistant message in the request made (calls of messages[${lastAssistant}]: ${callIdsOf(messages[lastAssistant])}); use the id of the call it answers`,
      });
      return;
    }
    answered.set(message.toolCallId, index);
    open.delete(message.toolCallId);
  });
  reportUnanswered("before the end of messages");
}

/** An assistant message's call ids, quoted, for messages. */
function callIdsOf(message: ContinuationMessage | undefined): string {
  if (message?.role !== "assistant") return "none";
  return message.toolCalls.map((call) => `"${call.id}"`).join(", ");
}

/**
 * `messages` of a run request: the conversation after the rendered prompt that a tool-calling
 * run goes on from — the model's tool calls (as a run answered them in `toolCalls`) and the
 * application's results, by call id — checked across messages (see `checkConversation`).
 */
export const runContinuationSchema = z
  .array(continuationMessageSchema)
  .min(1, "must hold the model's tool calls and their results; leave messages out to start anew")
  .max(maximumContinuationMessages)
  .superRefine(checkConversation);
