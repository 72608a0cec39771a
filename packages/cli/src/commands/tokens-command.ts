import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  isQuireError,
  type PromptTemplate,
  QuireError,
  type RenderLimits,
  type TokenMessage,
} from "@quire/core";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { localRenderLimits } from "../config/local-render-limits.js";
import { resolveConfig } from "../config/resolve-config.js";
import { printJson } from "../output/format-table.js";
import { explainMissingPartial, loadPartialsNear } from "../prompt-files/load-partials.js";
import { parsePromptSource, renderPromptSource } from "../prompt-files/prompt-file-codec.js";
import { UsageError } from "../usage-error.js";
import { parseDataOption, parseVariables } from "../variables/parse-variable.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";
import { parsePromptReference } from "./prompt-reference.js";
import { type CountedContent, formatTokenReport, tokenReport } from "./token-report.js";

interface TokensFlags extends ConnectionFlags {
  model?: string;
  label?: string;
  var?: string[];
  data?: string;
  json?: boolean;
}

/** What was counted, before the model is applied. */
interface Counted {
  prompt: string;
  version?: number;
  content: CountedContent;
  source: "rendered" | "template";
  /** The prompt's own `model` (front matter or config), used when --model is not given. */
  promptModel?: string;
  notes: string[];
}

export function registerTokensCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("tokens")
      .summary("count a prompt's tokens for a model, and the context window left")
      .description(
        "count the tokens of a prompt, rendered with its variables, per message and in total, for a model: exact for OpenAI encodings, a marked estimate for other families. A variable not given renders as its default or empty; a prompt that cannot be rendered without its variables is counted as written (placeholders included) and says so.",
      )
      .argument(
        "<target>",
        "support/triage, support/triage@staging, support/triage:3, or path/to/file.prompt",
      )
      .option(
        "-m, --model <model>",
        "the model to count for, e.g. gpt-4o, claude-sonnet-4-5 (default: the prompt's own model)",
      )
      .option("--label <label>", "the label to count on the server (default: production)")
      .option(
        "--var <name=value>",
        "a variable; the value is read as JSON when it parses, else as text (repeatable)",
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .option("--data <json>", "variables as a JSON object; --var values are applied on top")
      .option("--json", "print the counts as JSON"),
  ).action(async (target: string, flags: TokensFlags) => {
    const config = resolveConfig(
      { url: flags.url, apiKey: flags.apiKey, config: flags.config },
      context.environment,
      context.workingDirectory,
    );
    const variables = {
      ...(flags.data === undefined ? {} : parseDataOption(flags.data)),
      ...parseVariables(flags.var ?? []),
    };
    const filePath = path.resolve(context.workingDirectory, target);
    if (target.endsWith(".prompt") && !(existsSync(filePath) && statSync(filePath).isFile())) {
      throw new QuireError(
        "NOT_FOUND",
        `There is no file ${JSON.stringify(target)} in ${context.workingDirectory}; give the path of a .prompt file, or a prompt's NAME to count it on the server.`,
        { details: { file: filePath } },
      );
    }
    const counted = target.endsWith(".prompt")
      ? countedFile(
          filePath,
          path.relative(context.workingDirectory, filePath),
          variables,
          localRenderLimits(config, context.environment),
        )
      : await countedOnServer(target, flags, variables, context);
    const model = flags.model ?? counted.promptModel;
    if (model === undefined) {
      throw new UsageError(
        `${counted.prompt} names no model; give one with --model, like --model gpt-4o`,
        { option: "--model" },
      );
    }
    const report = await tokenReport(counted.content, {
      prompt: counted.prompt,
      ...(counted.version === undefined ? {} : { version: counted.version }),
      model,
      models: config.models,
      source: counted.source,
      notes: counted.notes,
    });
    if (flags.json) printJson(context.stdout, report);
    else context.stdout.write(formatTokenReport(report, context.colors));
  });
}

function countedFile(
  filePath: string,
  shown: string,
  variables: Record<string, unknown>,
  renderLimits: RenderLimits,
): Counted {
  const source = readFileSync(filePath, "utf8");
  const definition = parsePromptSource(source, shown);
  const promptModel = modelOf(definition.request.config ?? {});
  try {
    const rendered = renderPromptSource(
      source,
      { input: variables },
      loadPartialsNear(filePath),
      shown,
      { renderLimits },
    );
    return {
      prompt: shown,
      content: contentOf(rendered),
      source: "rendered",
      promptModel,
      notes: notGiven(definition.request.inputSchema ?? null, variables),
    };
  } catch (error) {
    if (!isQuireError(error) || error.code !== "VALIDATION_FAILED") {
      throw explainMissingPartial(error, filePath, shown);
    }
    return {
      prompt: shown,
      content: templateContent(definition.request.template),
      source: "template",
      promptModel,
      notes: [asWritten(error.message)],
    };
  }
}

async function countedOnServer(
  target: string,
  flags: TokensFlags,
  variables: Record<string, unknown>,
  context: CliContext,
): Promise<Counted> {
  const reference = parsePromptReference(target);
  const selector = {
    label: flags.label ?? reference.label,
    version: reference.version,
  };
  const { client } = connect(flags, context);
  try {
    const response = await client.render(reference.name, { ...selector, variables });
    const found = await client.getPrompt(reference.name, { version: response.version });
    return {
      prompt: response.prompt,
      version: response.version,
      content: contentOf(response),
      source: "rendered",
      promptModel: modelOf(found.version.config),
      notes: notGiven(found.version.inputSchema, variables),
    };
  } catch (error) {
    if (!isQuireError(error) || error.code !== "VALIDATION_FAILED") {
      throw error;
    }
    const found = await client.getPrompt(reference.name, selector);
    return {
      prompt: found.prompt.name,
      version: found.version.number,
      content: templateContent(found.version.template),
      source: "template",
      promptModel: modelOf(found.version.config),
      notes: [asWritten(error.message)],
    };
  }
}

/** A note naming the declared variables that were not given (they render as defaults or empty). */
function notGiven(
  inputSchema: Record<string, unknown> | null,
  variables: Record<string, unknown>,
): string[] {
  const properties = inputSchema?.properties;
  if (properties === null || typeof properties !== "object") return [];
  const missing = Object.keys(properties).filter((name) => !(name in variables));
  if (missing.length === 0) return [];
  return [
    `not given: ${missing.join(", ")} (counted as their defaults, or empty); pass them with --var to count the prompt as it will be sent`,
  ];
}

function asWritten(reason: string): string {
  return `counted the template as written, placeholders included, because it cannot be rendered with the variables given (${reason.split("\n")[0]}); pass them with --var to count the rendered prompt`;
}

/** A local render (`{text}` or `{messages}`) or the server's answer (both optional). */
function contentOf(rendered: {
  text?: string;
  messages?: readonly { role: string; content: TokenMessage["content"] }[];
}): CountedContent {
  if (rendered.messages !== undefined) return { messages: rendered.messages };
  return { text: rendered.text ?? "" };
}

function templateContent(template: PromptTemplate): CountedContent {
  return typeof template === "string" ? { text: template } : { messages: template };
}

/** `model` of a prompt's config (Dotprompt's front matter), without a provider prefix's quirks. */
function modelOf(config: Record<string, unknown>): string | undefined {
  const model = config.model;
  return typeof model === "string" && model !== "" ? model : undefined;
}
