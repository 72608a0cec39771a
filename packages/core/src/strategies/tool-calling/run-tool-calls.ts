import type { ChatMessage, ToolCall } from "../../model-formats/chat-message.js";
import type { FinishReason, LanguageModel, ToolChoice } from "../../models/language-model.js";
import { checkedLimit } from "../common/checked-limit.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import type { ClientToolDefinition, StrategyTool } from "../tools/strategy-tool.js";
import { ToolBox, type ToolOutcome } from "../tools/tool-box.js";

export interface ToolCallingOptions extends StrategyCallOptions {
  messages: ChatMessage[];
  tools: StrategyTool[];
  /**
   * Tools the model may call that are not run here: the first round that calls one (with
   * arguments matching its parameters) ends the loop with `status: "client-tool-calls"` and the
   * calls in `pendingToolCalls`, for the caller to run. That round's other calls run as usual.
   */
  clientTools?: ClientToolDefinition[];
  /** Model calls at most (each may ask for tools); default 5. */
  maxRounds?: number;
  /** For the first call; `required` or a named tool falls back to `auto` afterwards, so the
   * model can answer once it has the results. */
  toolChoice?: ToolChoice;
  /** Run the calls of one round at the same time; default true. */
  parallel?: boolean;
  /** Tool results longer than this are cut; default 8,000 characters. */
  maxToolOutputCharacters?: number;
}

/** One dispatched call: what the model asked for and how it went. */
export interface ToolCallRecord {
  round: number;
  call: ToolCall;
  status: ToolOutcome["status"];
  /** What the tool returned, when it ran. */
  output?: unknown;
  /** What the model was sent as the tool result. */
  result: string;
}

export interface ToolCallingResult {
  /**
   * `answered`: the model replied without asking for tools; `max-rounds`: it was still asking;
   * `client-tool-calls`: it called client-side tools, listed in `pendingToolCalls`.
   */
  status: "answered" | "max-rounds" | "client-tool-calls";
  /** The text of the last model reply. */
  text: string;
  finishReason: FinishReason;
  /** Says what happened when the rounds ran out. */
  message?: string;
  /** The whole conversation: the caller's messages, tool calls, tool results, final reply. */
  messages: ChatMessage[];
  toolCalls: ToolCallRecord[];
  /** The client-side tool calls of the last round, for the caller to run (its results go in
   * `tool` messages after `messages`); only with `status: "client-tool-calls"`. */
  pendingToolCalls?: ToolCall[];
  rounds: number;
  usage: StrategyUsage;
}

function toolMessage(call: ToolCall, text: string): ChatMessage {
  return { role: "tool", toolCallId: call.id, name: call.name, content: [{ type: "text", text }] };
}

/**
 * The tool-calling loop: sends the tools with the conversation, runs the tool calls the model
 * asks for (arguments checked against each tool's schema first), sends the results back as tool
 * messages, and repeats until the model replies without tool calls or `maxRounds` calls were made.
 * Unknown tools, invalid arguments and tool failures are sent to the model as error results;
 * only model errors are thrown.
 */
export async function runToolCalls(
  model: LanguageModel,
  options: ToolCallingOptions,
): Promise<ToolCallingResult> {
  const maxRounds = checkedLimit("Tool calling", "maxRounds", options.maxRounds ?? 5, [1, 50]);
  const tools = new ToolBox(options.tools, options.maxToolOutputCharacters, options.clientTools);
  const definitions = tools.definitions();
  const meter = new UsageMeter(model);
  const messages = [...options.messages];
  const records: ToolCallRecord[] = [];
  let toolChoice = options.toolChoice;
  for (let round = 1; ; round += 1) {
    const result = await meter.generate(
      requestFor(messages, options, {
        tools: definitions,
        ...(toolChoice === undefined ? {} : { toolChoice }),
      }),
    );
    messages.push({
      role: "assistant",
      content: result.text === "" ? [] : [{ type: "text", text: result.text }],
      ...(result.toolCalls.length === 0 ? {} : { toolCalls: result.toolCalls }),
    });
    const pending: ToolCall[] = [];
    const done = (status: ToolCallingResult["status"], message?: string): ToolCallingResult => ({
      status,
      ...(pending.length === 0 ? {} : { pendingToolCalls: pending }),
      text: result.text,
      finishReason: result.finishReason,
      ...(message === undefined ? {} : { message }),
      messages,
      toolCalls: records,
      rounds: round,
      usage: meter.usage(),
    });
    if (result.toolCalls.length === 0) return done("answered");

    // A client-side call with good arguments is the caller's to answer (no outcome here).
    const dispatch = async (call: ToolCall): Promise<ToolOutcome | undefined> => {
      if (tools.isClientSide(call.name)) {
        const checked = tools.check(call.name, call.arguments);
        return checked.ok ? undefined : checked.outcome;
      }
      return tools.call(call.name, call.arguments, {
        toolCallId: call.id,
        ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
      });
    };
    const outcomes: (ToolOutcome | undefined)[] = [];
    if (options.parallel ?? true)
      outcomes.push(...(await Promise.all(result.toolCalls.map(dispatch))));
    else for (const call of result.toolCalls) outcomes.push(await dispatch(call));
    for (const [index, call] of result.toolCalls.entries()) {
      const outcome = outcomes[index];
      if (outcome === undefined) {
        pending.push(call);
        continue;
      }
      records.push({
        round,
        call,
        status: outcome.status,
        ...(outcome.status === "ok" ? { output: outcome.output } : {}),
        result: outcome.text,
      });
      messages.push(toolMessage(call, outcome.text));
    }
    if (pending.length > 0) {
      return done(
        "client-tool-calls",
        `The model called client-side tools (${pending.map((call) => call.name).join(", ")}): run them and send their results as tool messages after messages`,
      );
    }
    if (round === maxRounds) {
      return done(
        "max-rounds",
        `Tool calling stopped after ${maxRounds} rounds with the model still calling tools; raise maxRounds, or read toolCalls to see what it kept asking for`,
      );
    }
    if (toolChoice === "required" || typeof toolChoice === "object") toolChoice = "auto";
  }
}
