import type { RenderedMessage } from "../prompts/prompt-content.js";

/**
 * Splits the text a Dotprompt-style Handlebars template rendered (with role, history, media and
 * section markers) into messages, exactly as the dotprompt package does.
 */
export function toRenderedMessages(_renderedText: string, _history?: RenderedMessage[]): RenderedMessage[] {
  throw new Error("not implemented yet");
}
