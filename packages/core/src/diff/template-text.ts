import type { PromptTemplate } from "../prompts/prompt-content.js";

/**
 * The text a template is diffed as. A string template is itself; a message list becomes one
 * readable block per message, a `[role]` line followed by the content, blocks separated by a
 * blank line:
 *
 * ```
 * [system]
 * You are a support triage assistant.
 *
 * [user]
 * {{ticket}}
 * ```
 */
export function templateText(template: PromptTemplate): string {
  if (typeof template === "string") return template;
  return template.map((message) => `[${message.role}]\n${message.content}`).join("\n\n");
}
