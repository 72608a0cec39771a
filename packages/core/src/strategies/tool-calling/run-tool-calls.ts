import type { ChatMessage, ToolCall } from "../../model-formats/chat-message.js";
import type { FinishReason, LanguageModel, ToolChoice } from "../../models/language-model.js";
import { runBounded } from "../common/bounded-concurrency.js";
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
  /** Run the calls of one round at the same time (at most `maxParallelCalls`); default true. */
  parallel?: boolean;
  /** Most tool calls running at once within a round; default 4. */
  maxParallelCalls?: number;
  /**
   * Most calls of one round run here; the model's further calls of that round are not run and
   * get an error result saying the limit (client-side calls are not counted: they are not run
   * here). Default 16.
   */
  maxCallsPerRound?: number;
  /** Tool results longer than this are cut; default 8,000 characters. */
  maxToolOutputCharacters?: number;
}

/** One dispatched call: what the model asked for and how it went. */
export interface ToolCallRecord {
  round: number;
  call: ToolCall;
  status: ToolOutcome["status"] | "over-limit";
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

export const defaultMaxParallelToolCalls = 4;
export const defaultMaxToolCallsPerRound = 16;

/** The result a call beyond the round's cap gets: the model reads why it did not run. */
function overLimitOutcome(call: ToolCall, limit: number, asked: number): ToolOutcome {
  const text = `Error: the tool "${call.name}" was not run: this round asked for ${asked} tool calls and at most ${limit} run per round. Ask again for the calls you still need, at most ${limit} at a time.`;
  return { status: "error", error: "over-limit", text };
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
  const maxParallel = checkedLimit(
    "Tool calling",
    "maxParallelCalls",
    options.parallel === false ? 1 : (options.maxParallelCalls ?? defaultMaxParallelToolCalls),
    [1, 1_000],
  );
  const maxPerRound = checkedLimit(
    "Tool calling",
    "maxCallsPerRound",
    options.maxCallsPerRound ?? defaultMaxToolCallsPerRound,
    [1, 10_000],
  );
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
    const outcomes = await dispatchRound(result.toolCalls, dispatch, {
      maxParallel,
      maxPerRound,
      isClientSide: (call) => tools.isClientSide(call.name),
    });
    for (const [index, call] of result.toolCalls.entries()) {
      const outcome = outcomes[index];
      if (outcome === undefined) {
        pending.push(call);
        continue;
      }
      records.push({
        round,
        call,
        status:
          outcome.status === "error" && outcome.error === "over-limit"
            ? "over-limit"
            : outcome.status,
        ...(outcome.status === "ok" ? { output: outcome.output } : {}),
        result: outcome.text,
      });
      messages.push(toolMessage(call, outcome.text));
    }
    if (pending.length > 0) {
      return done(
        "client-tool-calls",
        `The model called client-side tools (${pending.map((call) => call.name).join(", ")}): run them, then send the conversation so far back with one tool message per call holding its result`,
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

/**
 * Runs one round's calls, at most `maxParallel` at once, in the model's order. Calls the server
 * runs beyond `maxPerRound` are not started: their outcome says the limit. An abort is thrown.
 */
async function dispatchRound(
  calls: readonly ToolCall[],
  dispatch: (call: ToolCall) => Promise<ToolOutcome | undefined>,
  limits: { maxParallel: number; maxPerRound: number; isClientSide(call: ToolCall): boolean },
): Promise<(ToolOutcome | undefined)[]> {
  const serverCalls = calls.filter((call) => !limits.isClientSide(call)).length;
  let counted = 0;
  const within = calls.map((call) => {
    if (limits.isClientSide(call)) return true;
    counted += 1;
    return counted <= limits.maxPerRound;
  });
  const settled = await runBounded(calls.length, limits.maxParallel, async (index) => {
    const call = calls[index] as ToolCall;
    return within[index] === true
      ? dispatch(call)
      : overLimitOutcome(call, limits.maxPerRound, serverCalls);
  });
  return settled.map((entry) => {
    if (entry.status === "rejected") throw entry.reason;
    return entry.value;
  });
}
