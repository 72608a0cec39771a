import path from "node:path";
import type { QuireClient } from "@quire/client";
import {
  type ChatMessage,
  compilePrompt,
  type EngineName,
  fromRenderedMessages,
  type MessageTemplate,
  QuireError,
  type RenderedMessage,
  type RenderLimits,
  type RenderOutput,
  resolveGenerationParameters,
} from "@quire/core";
import type { EvalPrompt, RenderedForEval } from "@quire/engine";
import { parsePromptReference } from "../commands/prompt-reference.js";
import { loadPartialsNear } from "../prompt-files/load-partials.js";
import { parseWithReferences } from "../prompt-files/local-components.js";
import { renderPromptSource } from "../prompt-files/prompt-file-codec.js";
import type { PromptEntry } from "./eval-config-schema.js";
import { fileReferencePath, readReferencedFile, resolveConfigPath } from "./file-reference.js";

export interface PromptsContext {
  configDirectory: string;
  workingDirectory: string;
  /** The server's client, made on first use (only registry prompts need one). */
  client: () => QuireClient;
  /** How messages name the config file. */
  configLabel: string;
  /** What one render of a local prompt may use (quire.toml's [render], QUIRE_RENDER_*). */
  renderLimits?: RenderLimits;
}

/** Inline and text-file prompts render with Nunjucks, as promptfoo's do, unless `engine` says. */
export const defaultInlineEngine: EngineName = "jinja2";

/**
 * The prompts of the matrix: Dotprompt `.prompt` files (rendered as `quire render` renders
 * them, partials beside them included), inline templates, `file://` text or chat-JSON files,
 * and registry versions `quire://name@label` / `quire://name:3` (pinned to one version when
 * the run starts, rendered by the server so composition and provenance are the server's).
 */
export async function buildEvalPrompts(
  entries: readonly PromptEntry[],
  context: PromptsContext,
): Promise<EvalPrompt[]> {
  const prompts: EvalPrompt[] = [];
  for (const [index, entry] of entries.entries()) {
    const where = `${context.configLabel} prompts[${index}]`;
    const object = typeof entry === "string" ? { id: entry } : entry;
    const built =
      object.raw !== undefined
        ? inlinePrompt(
            object.id ?? `prompt-${index + 1}`,
            object.raw,
            object.engine,
            "text",
            context.renderLimits,
          )
        : await referencedPrompt(object.id ?? "", object.engine, index, where, context);
    const prompt = object.label === undefined ? built : { ...built, label: object.label };
    if (prompts.some((other) => other.id === prompt.id)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${where}: another prompt has the id ${JSON.stringify(prompt.id)}; give one of them an id of its own ({id, raw} or {id, label}).`,
        { details: { id: prompt.id } },
      );
    }
    prompts.push(prompt);
  }
  return prompts;
}

async function referencedPrompt(
  reference: string,
  engine: EngineName | undefined,
  index: number,
  where: string,
  context: PromptsContext,
): Promise<EvalPrompt> {
  if (reference.startsWith("quire://")) {
    return registryPrompt(reference.slice("quire://".length), where, context);
  }
  const filePath = fileReferencePath(reference);
  if (filePath === undefined && !reference.endsWith(".prompt")) {
    return inlinePrompt(`prompt-${index + 1}`, reference, engine, "text", context.renderLimits);
  }
  const relative = filePath ?? reference;
  const file = resolveConfigPath(relative, context.configDirectory, context.workingDirectory);
  const source = readReferencedFile(file, where);
  const id = relative.replace(/^\.\//, "");
  const extension = path.extname(file.absolute).toLowerCase();
  if (extension === ".prompt")
    return dotpromptFile(id, file.absolute, file.label, source, context.renderLimits);
  if (extension === ".json")
    return inlinePrompt(
      id,
      chatTemplateOf(source, file.label),
      engine,
      "chat",
      context.renderLimits,
    );
  return inlinePrompt(id, source, engine, "text", context.renderLimits);
}

function dotpromptFile(
  id: string,
  absolute: string,
  shown: string,
  source: string,
  renderLimits: RenderLimits | undefined,
): EvalPrompt {
  const parsed = parseWithReferences(source, shown);
  const partials = loadPartialsNear(absolute);
  const params = resolveGenerationParameters(parsed.config);
  // Read once, so a file edited during the run cannot mix two versions of it.
  return {
    id,
    label: id,
    render: async (variables) => ({
      messages: messagesOf(
        renderPromptSource(source, { input: variables }, partials, shown, {
          ...(renderLimits === undefined ? {} : { renderLimits }),
        }),
      ),
      params,
      // Its strategy and tools: ReAct and tool calling run with quire.toml's [[tools]].
      config: parsed.config,
      outputSchema: parsed.outputSchema,
    }),
  };
}

function inlinePrompt(
  id: string,
  template: string | MessageTemplate[],
  engine: EngineName | undefined,
  type: "text" | "chat",
  renderLimits: RenderLimits | undefined,
): EvalPrompt {
  const compiled = compilePrompt(
    {
      type,
      engine: engine ?? defaultInlineEngine,
      template,
      inputSchema: null,
      outputSchema: null,
      config: {},
      metadata: {},
    },
    renderLimits === undefined ? {} : { renderLimits },
  );
  const label = typeof template === "string" ? shortLabel(template) : id;
  return {
    id,
    label: id.startsWith("prompt-") ? `${id}: ${label}` : id,
    render: async (variables): Promise<RenderedForEval> => {
      const { variables: _used, ...output } = compiled.render(variables);
      return { messages: messagesOf(output) };
    },
  };
}

export async function registryPrompt(
  text: string,
  where: string,
  context: PromptsContext,
): Promise<EvalPrompt> {
  const reference = parsePromptReference(text);
  const client = context.client();
  const selector = {
    ...(reference.label === undefined ? {} : { label: reference.label }),
    ...(reference.version === undefined ? {} : { version: reference.version }),
  };
  const found = await client.getPrompt(reference.name, selector).catch((error: unknown) => {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${where}: cannot fetch quire://${text} from ${client.baseUrl}: ${(error as Error).message}`,
      { cause: error, details: { prompt: text, server: client.baseUrl } },
    );
  });
  const version = found.version.number;
  const params = resolveGenerationParameters(found.version.config);
  return {
    id: text,
    label: `${text} (v${version})`,
    render: async (variables) => {
      const response = await client.render(reference.name, { version, variables });
      const messages: ChatMessage[] =
        response.messages === undefined
          ? [{ role: "user", content: [{ type: "text", text: response.text ?? "" }] }]
          : fromRenderedMessages(response.messages as RenderedMessage[]);
      return {
        messages,
        params,
        provenance: response.provenance,
        config: found.version.config,
        outputSchema: found.version.outputSchema ?? null,
      };
    },
  };
}

/** A rendered prompt as messages: a text prompt is one user message. */
function messagesOf(output: RenderOutput): ChatMessage[] {
  if ("text" in output) return [{ role: "user", content: [{ type: "text", text: output.text }] }];
  return fromRenderedMessages(output.messages);
}

/** promptfoo's chat JSON: `[{role, content}]`. */
function chatTemplateOf(source: string, label: string): MessageTemplate[] {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new QuireError("VALIDATION_FAILED", `${label} is not JSON: ${(error as Error).message}`, {
      cause: error,
      details: { file: label },
    });
  }
  const valid =
    Array.isArray(value) &&
    value.every(
      (message) =>
        message !== null &&
        typeof message === "object" &&
        typeof (message as { role?: unknown }).role === "string" &&
        typeof (message as { content?: unknown }).content === "string",
    );
  if (!valid) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${label} must be a JSON list of chat messages, like [{"role": "system", "content": "…"}, {"role": "user", "content": "{{question}}"}].`,
      { details: { file: label } },
    );
  }
  return value as MessageTemplate[];
}

function shortLabel(template: string): string {
  const line = template.replace(/\s+/g, " ").trim();
  return line.length > 40 ? `${line.slice(0, 39)}…` : line;
}
