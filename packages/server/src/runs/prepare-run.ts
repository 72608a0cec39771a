import {
  type ChatMessage,
  fromRenderedMessages,
  type GenerationParameters,
  type JsonSchema,
  type ParsedRunRequest,
  QuireError,
  type RenderedMessage,
  readStrategyConfig,
  resolveGenerationParameters,
  type StrategyConfig,
  stablePrefixSchema,
} from "@quire/core";
import type { PromptService } from "../prompts/prompt-service.js";
import { readFallbackConfig } from "./fallback-config.js";
import type { ChainEntry } from "./model-chain.js";
import { describeRunTarget, type RunRendered, renderForRun } from "./render-for-run.js";

/** Everything a run needs before its first model call. */
export interface PreparedRun {
  name: string;
  request: ParsedRunRequest;
  rendered: RunRendered;
  /** The config of the version (or draft) rendered (its `tools` and `toolDefinitions`). */
  config?: Readonly<Record<string, unknown>>;
  messages: ChatMessage[];
  /** The model first, then the fallback models. */
  entries: ChainEntry[];
  parameters: GenerationParameters;
  /** The version's strategy; structured output when it declares only an output schema. */
  strategy: StrategyConfig | undefined;
  outputSchema: JsonSchema | null;
  /** How many leading messages the provider may cache as a stable prefix; 0 for none. */
  stablePrefixMessages: number;
}

/**
 * Renders the version (components included, provenance kept) and reads what its config asks
 * for: the model (the request's wins), the fallback chain (the request's wins), the generation
 * parameters (preset < version config < request) and the strategy. Throws the render's errors
 * (unknown prompt, missing variable…) and VALIDATION_FAILED for a bad config or no model.
 */
export async function prepareRun(
  prompts: PromptService,
  name: string,
  request: ParsedRunRequest,
  configuredModels: () => string[],
): Promise<PreparedRun> {
  const { rendered, config, outputSchema } = await renderForRun(prompts, name, request);

  const configModel = typeof config.model === "string" ? config.model : undefined;
  const model = request.model ?? configModel;
  if (model === undefined) throw noModelError(name, rendered.version, configuredModels());
  const primary: ChainEntry = {
    modelId: model,
    source: request.model === undefined ? "the version's config.model" : "the request's model",
  };
  const fallbackSource = request.fallback === undefined ? "config.fallback" : "fallback";
  const fallback = (request.fallback ?? readFallbackConfig(config) ?? []).map(
    (entry, index): ChainEntry =>
      typeof entry === "string"
        ? { modelId: entry, source: `${fallbackSource}[${index}]` }
        : {
            modelId: entry.model,
            timeoutMs: entry.timeoutMs,
            source: `${fallbackSource}[${index}]`,
          },
  );

  const declared = readStrategyConfig(config);
  const strategy: StrategyConfig | undefined =
    declared ?? (outputSchema === null ? undefined : { strategy: "structured-output" });

  const messages = messagesOf(rendered);
  return {
    name,
    request,
    rendered,
    config,
    messages,
    stablePrefixMessages: stablePrefixMessagesOf(name, rendered.version, request, config, messages),
    entries: [primary, ...fallback],
    parameters: resolveGenerationParameters(config, request.params ?? {}),
    strategy,
    outputSchema,
  };
}

function messagesOf(rendered: RunRendered): ChatMessage[] {
  if (rendered.messages !== undefined) {
    // The render's own output, typed loosely by its wire schema.
    return fromRenderedMessages(rendered.messages as RenderedMessage[]);
  }
  return [{ role: "user", content: [{ type: "text", text: rendered.text ?? "" }] }];
}

/**
 * The request's `stablePrefix`, else the version's `config.stablePrefix`, as a message count:
 * "system" counts the leading system messages. A count beyond the rendered messages, or a bad
 * config value, is refused: the caller meant a prefix that is not there.
 */
function stablePrefixMessagesOf(
  name: string,
  version: number | null,
  request: ParsedRunRequest,
  config: Record<string, unknown>,
  messages: readonly ChatMessage[],
): number {
  let prefix = request.stablePrefix;
  let source = "the request's stablePrefix";
  if (prefix === undefined && config.stablePrefix !== undefined) {
    source = `config.stablePrefix of ${describeRunTarget(name, version)}`;
    const parsed = stablePrefixSchema.safeParse(config.stablePrefix);
    if (!parsed.success) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `${source} is ${JSON.stringify(config.stablePrefix)}: give "system" or a number of messages from 1 (save a version with a fixed config).`,
        { details: { prompt: name, version, field: "config.stablePrefix" } },
      );
    }
    prefix = parsed.data;
  }
  if (prefix === undefined) return 0;
  if (prefix === "system") {
    const firstOther = messages.findIndex((message) => message.role !== "system");
    return firstOther === -1 ? messages.length : firstOther;
  }
  if (prefix > messages.length) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${source} is ${prefix} messages, but the render has ${messages.length}: give at most ${messages.length}, or "system".`,
      {
        details: {
          prompt: name,
          version,
          field: source.startsWith("config") ? "config.stablePrefix" : "stablePrefix",
          messages: messages.length,
        },
      },
    );
  }
  return prefix;
}

function noModelError(name: string, version: number | null, configured: string[]): QuireError {
  const known =
    configured.length === 0
      ? "this server has no model providers configured either: add a [[providers]] table to quire.toml and restart quire serve"
      : `configured models: ${configured.join(", ")}`;
  return new QuireError(
    "VALIDATION_FAILED",
    `No model to run ${describeRunTarget(name, version)} with: the request gives no "model" and the ${version === null ? "draft" : "version"}'s config has no model; ${known}.`,
    { details: { prompt: name, version, configured } },
  );
}
