import {
  compilePrompt,
  fromRenderedMessages,
  type ModelFormat,
  type PromptContent,
  type RenderedMessage,
  toModelFormat,
} from "@quire/core";

export type PreviewFormat = "rendered" | ModelFormat;

export type Preview =
  | { kind: "text"; text: string; messages: null; formatted: unknown }
  | { kind: "messages"; text: null; messages: RenderedMessage[]; formatted: unknown }
  | { kind: "error"; message: string; problems: string[] };

/**
 * Renders a draft in the browser with core (the same code the server runs): validates the
 * variables against the input schema, fills defaults, and writes the result in a provider format.
 */
export function renderPreview(
  content: PromptContent,
  variables: Record<string, unknown>,
  format: PreviewFormat,
): Preview {
  try {
    const rendered = compilePrompt(content).render(variables);
    const messages: RenderedMessage[] =
      "messages" in rendered
        ? rendered.messages
        : [{ role: "user", content: [{ text: rendered.text }] }];
    const formatted =
      format === "rendered" ? null : toModelFormat(fromRenderedMessages(messages), format);
    return "messages" in rendered
      ? { kind: "messages", text: null, messages: rendered.messages, formatted }
      : { kind: "text", text: rendered.text, messages: null, formatted };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const details = (error as { details?: { problems?: { message?: string }[] } }).details;
    const problems = (details?.problems ?? [])
      .map((problem) => problem.message)
      .filter((text): text is string => typeof text === "string");
    return { kind: "error", message, problems };
  }
}

/** The text parts of a rendered message, joined. */
export function messageText(message: RenderedMessage): string {
  return message.content
    .map((part) => ("text" in part && typeof part.text === "string" ? part.text : "[media]"))
    .join("");
}
