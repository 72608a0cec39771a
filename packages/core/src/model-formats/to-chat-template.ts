import type { ChatMessage } from "./chat-message.js";
import { refuseUnsupported } from "./refuse-unsupported.js";

export interface ChatTemplateOptions {
  /** End with an open assistant turn for the model to complete; default true. */
  addGenerationPrompt?: boolean;
}

function textOf(message: ChatMessage): string {
  return message.content.map((part) => (part.type === "text" ? part.text : "")).join("");
}

/** ChatML: `<|im_start|>role\n…<|im_end|>` per message, then `<|im_start|>assistant\n`. */
export function toChatMl(messages: ChatMessage[], options: ChatTemplateOptions = {}): string {
  refuseUnsupported(messages, "chatml");
  const turns = messages.map(
    (message) => `<|im_start|>${message.role}\n${textOf(message)}<|im_end|>\n`,
  );
  const prompt = options.addGenerationPrompt === false ? "" : "<|im_start|>assistant\n";
  return turns.join("") + prompt;
}

/** Llama 3: header-delimited turns after `<|begin_of_text|>`, ending with the assistant header. */
export function toLlama3(messages: ChatMessage[], options: ChatTemplateOptions = {}): string {
  refuseUnsupported(messages, "llama3");
  const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
  const turns = messages.map((message) => `${header(message.role)}${textOf(message)}<|eot_id|>`);
  const prompt = options.addGenerationPrompt === false ? "" : header("assistant");
  return `<|begin_of_text|>${turns.join("")}${prompt}`;
}
