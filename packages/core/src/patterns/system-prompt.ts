import type { ChatMessage } from "../model-formats/chat-message.js";
import { textMessage } from "./chat-text.js";
import { buildFewShotMessages, buildFewShotText, type FewShotTextOptions } from "./few-shot.js";
import type { FewShotExample } from "./few-shot-example.js";
import {
  bulletList,
  joinWords,
  layoutSections,
  type PromptSectionStyle,
} from "./prompt-sections.js";

/** The parts of a system prompt; any part left out or empty is omitted from the layout. */
export interface SystemPromptSpec {
  /** Who the model is, as a phrase: `a support engineer at Acme` (or a sentence starting "You"). */
  role?: string;
  /** Fields it knows well: `["billing", "refunds"]`. */
  expertise?: readonly string[];
  /** Background the model needs: the product, the audience, the situation. */
  context?: string;
  /** What it can do (tools, actions, knowledge it has). */
  capabilities?: readonly string[];
  /** Rules it must keep. */
  constraints?: readonly string[];
  /** The shape of the reply. */
  outputFormat?: string;
  examples?: readonly FewShotExample[];
}

export interface SystemPromptOptions {
  /** `## Heading` sections (default) or `<tag>` sections. */
  sectionStyle?: PromptSectionStyle;
  /** Layout of the examples (labels, explanations); numbered by default. */
  fewShot?: Omit<FewShotTextOptions, "query">;
}

export interface SystemPromptMessagesOptions extends SystemPromptOptions {
  /**
   * `text` (default): the examples are a section of the system message. `turns`: they follow the
   * system message as alternating user and assistant messages.
   */
  examplesAs?: "text" | "turns";
}

/**
 * A system prompt in a fixed order: the role sentence, then Context, Capabilities, Constraints,
 * Output format and Examples sections, each only when it has content. The same spec always gives
 * the same text.
 */
export function buildSystemPrompt(
  spec: SystemPromptSpec,
  options: SystemPromptOptions = {},
): string {
  return layout(spec, options, true);
}

/** The system prompt as a message list: one system message, then example turns if asked for. */
export function buildSystemPromptMessages(
  spec: SystemPromptSpec,
  options: SystemPromptMessagesOptions = {},
): ChatMessage[] {
  const turns = options.examplesAs === "turns";
  const text = layout(spec, options, !turns);
  const messages: ChatMessage[] = text === "" ? [] : [textMessage("system", text)];
  if (turns && spec.examples !== undefined) {
    messages.push(...buildFewShotMessages(spec.examples, options.fewShot));
  }
  return messages;
}

function layout(spec: SystemPromptSpec, options: SystemPromptOptions, withExamples: boolean) {
  const examples =
    withExamples && spec.examples !== undefined && spec.examples.length > 0
      ? buildFewShotText(spec.examples, { numbered: true, ...options.fewShot })
      : "";
  const sections = layoutSections(
    [
      { title: "Context", body: spec.context ?? "" },
      { title: "Capabilities", body: bulletList(spec.capabilities) },
      { title: "Constraints", body: bulletList(spec.constraints) },
      { title: "Output format", body: spec.outputFormat ?? "" },
      { title: "Examples", body: examples },
    ],
    options.sectionStyle,
  );
  return [roleSentence(spec), sections].filter((block) => block !== "").join("\n\n");
}

/** "You are a support engineer, with expertise in billing and refunds." */
export function roleSentence(spec: Pick<SystemPromptSpec, "role" | "expertise">): string {
  const role = (spec.role ?? "").trim().replace(/\.+$/, "");
  const expertise = (spec.expertise ?? []).map((field) => field.trim()).filter((f) => f !== "");
  const fields = joinWords(expertise);
  if (role === "") return fields === "" ? "" : `You have expertise in ${fields}.`;
  const subject = /^you\b/i.test(role) ? role : `You are ${role}`;
  return fields === "" ? `${subject}.` : `${subject}, with expertise in ${fields}.`;
}
