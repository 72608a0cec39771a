import {
  type ChatMessage,
  fromRenderedMessages,
  getTokenizer,
  type ModelFormat,
  type ModelInfo,
  modelInfo,
  parseModelFormat,
  type RenderFormat,
  type RenderOutput,
  type RenderTokens,
  renderFormatAliases,
  toModelFormat,
} from "@quire/core";

/** `openai` → `openai-chat`…; full format names pass through. */
export function modelFormatOf(format: RenderFormat): ModelFormat {
  return parseModelFormat(
    (renderFormatAliases as Record<string, string>)[format] ?? (format as string),
  );
}

/** The rendered prompt as a message list: a text prompt is one user message. */
function chatMessagesOf(output: RenderOutput): ChatMessage[] {
  if ("text" in output) return [{ role: "user", content: [{ type: "text", text: output.text }] }];
  return fromRenderedMessages(output.messages);
}

/** The provider payload of a rendered prompt, e.g. Anthropic's `{system, messages}`. */
export function formattedPayload(
  output: RenderOutput,
  format: RenderFormat,
): { format: ModelFormat; formatted: Record<string, unknown> } {
  const modelFormat = modelFormatOf(format);
  const formatted = toModelFormat(chatMessagesOf(output), modelFormat) as unknown as Record<
    string,
    unknown
  >;
  return { format: modelFormat, formatted };
}

/**
 * Tokens of a rendered prompt for a model: exact for OpenAI encodings, else an estimate flagged
 * as such. The encoders are loaded when the server starts (see PromptService), so this waits only
 * for a request that arrives while they still load.
 */
export async function renderedTokens(
  output: RenderOutput,
  model: string,
  models?: readonly ModelInfo[],
): Promise<RenderTokens> {
  const tokenizer = await getTokenizer(models === undefined ? { model } : { model, models });
  const count =
    "text" in output ? tokenizer.count(output.text) : tokenizer.countMessages(output.messages);
  return {
    model,
    count,
    estimate: tokenizer.estimated,
    encoding: tokenizer.encoding,
    contextWindow: modelInfo(model, models)?.contextWindow ?? null,
  };
}
