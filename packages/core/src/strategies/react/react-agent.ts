import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { LanguageModel } from "../../models/language-model.js";
import { checkedLimit } from "../common/checked-limit.js";
import { checkTemplate } from "../common/fill-template.js";
import { assistantText, userText } from "../common/message-text.js";
import { requestFor, type StrategyCallOptions } from "../common/strategy-options.js";
import { type StrategyUsage, UsageMeter } from "../common/usage-meter.js";
import type { StrategyTool } from "../tools/strategy-tool.js";
import { ToolBox } from "../tools/tool-box.js";
import { readActionInput } from "./react-arguments.js";
import {
  defaultReactInstructions,
  reactInstructionPlaceholders,
  withReactInstructions,
} from "./react-prompt.js";
import { cutAtObservation, parseReactStep } from "./react-step-parser.js";

export interface ReactOptions extends StrategyCallOptions {
  messages: ChatMessage[];
  tools: StrategyTool[];
  /** Model turns before giving up; default 8. */
  maxSteps?: number;
  /** Replaces the format instructions added to the system prompt ({{tools}}, {{toolNames}}). */
  instructions?: string;
  /** Observations longer than this are cut; default 8,000 characters. */
  maxObservationCharacters?: number;
}

/** What happened in one step. `outcome` says how the action went (absent for the final answer). */
export interface ReactStep {
  step: number;
  /** The model's text, up to any observation it wrote itself. */
  text: string;
  thought?: string;
  action?: { tool: string; input: string; arguments?: Record<string, unknown> };
  observation?: string;
  outcome?: "ok" | "unknown-tool" | "invalid-arguments" | "tool-error" | "malformed";
  finalAnswer?: string;
}

export interface ReactResult {
  /** `answered`: the model gave a final answer; `max-steps`: it had not after `maxSteps` turns. */
  status: "answered" | "max-steps";
  /** The final answer; undefined when the steps ran out. */
  answer?: string;
  /** Says what happened when there is no answer. */
  message?: string;
  steps: ReactStep[];
  /** The whole conversation, instructions and observations included. */
  messages: ChatMessage[];
  usage: StrategyUsage;
}

const formatReminder =
  'Answer in the format asked for: "Thought: …" then either "Action: <tool>" with "Action Input: <JSON object>", or "Final Answer: …".';

/**
 * ReAct in text form: the model writes Thought / Action / Action Input, Quire runs the tool and
 * answers with an Observation, until the model writes a Final Answer or `maxSteps` turns pass.
 * An unknown tool, malformed action, invalid arguments or a failing tool become observations the
 * model can act on; only model errors end the loop by throwing.
 */
export async function runReact(model: LanguageModel, options: ReactOptions): Promise<ReactResult> {
  const maxSteps = checkedLimit("ReAct", "maxSteps", options.maxSteps ?? 8, [1, 100]);
  const template = options.instructions ?? defaultReactInstructions;
  checkTemplate(template, reactInstructionPlaceholders, "ReAct instructions");
  const tools = new ToolBox(options.tools, options.maxObservationCharacters);
  const meter = new UsageMeter(model);
  const messages = withReactInstructions(options.messages, template, tools.definitions());
  const stopSequences = [...(options.parameters?.stopSequences ?? []), "\nObservation:"];
  const steps: ReactStep[] = [];

  for (let step = 1; step <= maxSteps; step += 1) {
    const result = await meter.generate(requestFor(messages, options, { stopSequences }));
    const text = cutAtObservation(result.text).trim();
    const reading = parseReactStep(text);
    const thought = reading.thought === undefined ? {} : { thought: reading.thought };
    if (reading.kind === "final") {
      steps.push({ step, text, ...thought, finalAnswer: reading.answer });
      messages.push(assistantText(text));
      return { status: "answered", answer: reading.answer, steps, messages, usage: meter.usage() };
    }
    let record: ReactStep;
    if (reading.kind === "malformed") {
      const observation = `Error: ${reading.problem}. ${formatReminder}`;
      record = { step, text, ...thought, observation, outcome: "malformed" };
    } else {
      const action = { tool: reading.tool, input: reading.input };
      const parameters = tools.parametersOf(reading.tool);
      // An unknown tool is the first thing to tell the model, whatever its input looks like.
      const parsed =
        parameters === undefined
          ? ({ ok: true, value: {} } as const)
          : readActionInput(reading.input, parameters);
      if (!parsed.ok) {
        record = {
          step,
          text,
          ...thought,
          action,
          observation: `Error: ${parsed.problem}.`,
          outcome: "invalid-arguments",
        };
      } else {
        const outcome = await tools.call(reading.tool, parsed.value, {
          toolCallId: `react-${step}`,
          ...(options.abortSignal === undefined ? {} : { abortSignal: options.abortSignal }),
        });
        record = {
          step,
          text,
          ...thought,
          action: parameters === undefined ? action : { ...action, arguments: parsed.value },
          observation: outcome.text,
          outcome: outcome.status === "error" ? "tool-error" : outcome.status,
        };
      }
    }
    steps.push(record);
    messages.push(assistantText(text === "" ? "(empty reply)" : text));
    messages.push(userText(`Observation: ${record.observation}`));
  }
  return {
    status: "max-steps",
    message: `ReAct stopped after ${maxSteps} steps without a final answer; raise maxSteps, or read the steps to see where the model went round in circles`,
    steps,
    messages,
    usage: meter.usage(),
  };
}
