import type { ChatMessage } from "../../model-formats/chat-message.js";
import type { ToolDefinition } from "../../models/language-model.js";
import { fillTemplate } from "../common/fill-template.js";

/** Placeholders the ReAct instructions template is given. */
export const reactInstructionPlaceholders = ["tools", "toolNames"] as const;

/** The instructions added to the system prompt; replace them with `instructions`. */
export const defaultReactInstructions = `You can use these tools:

{{tools}}

Work in steps, in exactly this format:

Thought: what to do next, and why
Action: the tool to use, one of [{{toolNames}}]
Action Input: the tool's arguments, as a JSON object
Observation: the tool's result (written for you: never write it yourself)

Repeat Thought, Action and Action Input as often as needed, one action at a time. When you know the answer, write:

Thought: I know the answer
Final Answer: the answer`;

/** A tool as the instructions list it: name, description, and the JSON Schema of its arguments. */
export function describeToolsForPrompt(tools: readonly ToolDefinition[]): string {
  return tools
    .map((tool) => {
      const description = tool.description === undefined ? "" : `: ${tool.description}`;
      return `- ${tool.name}${description}\n  Arguments (JSON Schema): ${JSON.stringify(tool.parameters)}`;
    })
    .join("\n");
}

/** The messages with the instructions filled in and added to the (first) system message. */
export function withReactInstructions(
  messages: readonly ChatMessage[],
  template: string,
  tools: readonly ToolDefinition[],
): ChatMessage[] {
  const text = fillTemplate(template, {
    tools: describeToolsForPrompt(tools),
    toolNames: tools.map((tool) => tool.name).join(", "),
  });
  const index = messages.findIndex((message) => message.role === "system");
  const system = messages[index];
  if (system === undefined) {
    return [{ role: "system", content: [{ type: "text", text }] }, ...messages];
  }
  const copy = [...messages];
  copy[index] = {
    ...system,
    content: [...system.content, { type: "text", text: `\n\n${text}` }],
  } as ChatMessage;
  return copy;
}
