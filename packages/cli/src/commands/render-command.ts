import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isQuireError, QuireError, type RenderedMessage, type RenderOutput } from "@quire/core";
import type { Command } from "commander";
import type { CliContext, Colors } from "../cli-context.js";
import { localRenderLimits } from "../config/local-render-limits.js";
import { resolveConfig } from "../config/resolve-config.js";
import { printJson } from "../output/format-table.js";
import { explainMissingPartial, loadPartialsNear } from "../prompt-files/load-partials.js";
import { type PromptFileData, renderPromptSource } from "../prompt-files/prompt-file-codec.js";
import { parseDataOption, parseVariables } from "../variables/parse-variable.js";
import { withVariableHint } from "../variables/variable-hint.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";
import { parsePromptReference } from "./prompt-reference.js";

interface RenderFlags extends ConnectionFlags {
  var?: string[];
  data?: string;
  json?: boolean;
  strict?: boolean;
}

const dataArgumentKeys = new Set(["input", "context", "messages", "docs"]);

export function registerRenderCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("render")
      .summary("render a prompt (on the server, or a local .prompt file)")
      .description(
        "render a prompt with variables: NAME, NAME@LABEL or NAME:VERSION on the server, or a local FILE.prompt with no server (partials from _name.prompt files beside it)",
      )
      .argument(
        "<target>",
        "support/triage, support/triage@staging, support/triage:3, or path/to/file.prompt",
      )
      .option(
        "--var <name=value>",
        "a variable; the value is read as JSON when it parses (3, true, [1,2]), else as text (repeatable)",
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .option(
        "--data <json>",
        'variables as a JSON object, or Dotprompt\'s data argument {"input":{…},"context":{…}}; --var values are applied on top',
      )
      .option(
        "--strict",
        "refuse variables the input schema does not declare (server render, and local files in engines other than Handlebars)",
      )
      .option(
        "--json",
        "print JSON: Dotprompt's {messages:[…]} for a Handlebars file ({text} or {messages} for other engines), the server's answer for a name",
      ),
  ).action(async (target: string, flags: RenderFlags) => {
    const data = toDataArgument(flags.data === undefined ? {} : parseDataOption(flags.data));
    const variables = { ...data.input, ...parseVariables(flags.var ?? []) };
    const filePath = path.resolve(context.workingDirectory, target);
    if (target.endsWith(".prompt") && existsSync(filePath) && statSync(filePath).isFile()) {
      const shown = path.relative(context.workingDirectory, filePath) || filePath;
      const config = resolveConfig(
        { url: flags.url, apiKey: flags.apiKey, config: flags.config },
        context.environment,
        context.workingDirectory,
      );
      const renderLimits = localRenderLimits(config, context.environment);
      let rendered: RenderOutput;
      try {
        rendered = renderPromptSource(
          readFileSync(filePath, "utf8"),
          { ...data, input: variables },
          loadPartialsNear(filePath),
          shown,
          { strict: flags.strict, renderLimits },
        );
      } catch (error) {
        throw withVariableHint(explainMissingPartial(error, filePath, shown), flags.var ?? []);
      }
      if (flags.json) printJson(context.stdout, rendered);
      else if ("messages" in rendered)
        context.stdout.write(formatMessages(rendered.messages, context.colors));
      else context.stdout.write(ensureNewline(rendered.text));
      return;
    }
    const reference = parsePromptReference(target);
    const { client } = connect(flags, context);
    const response = await client
      .render(reference.name, {
        label: reference.label,
        version: reference.version,
        variables,
        strict: flags.strict,
      })
      .catch((error: unknown) => {
        if (isQuireError(error) && error.code === "NOT_FOUND" && target.endsWith(".prompt")) {
          throw new QuireError(
            "NOT_FOUND",
            `${error.message} There is no file ${JSON.stringify(target)} here either (${context.workingDirectory}).`,
            { details: { ...error.details, file: filePath } },
          );
        }
        throw withVariableHint(error, flags.var ?? []);
      });
    if (response.resolvedBy === "latest-fallback" && !flags.json) {
      context.stderr.write(
        context.colors.dim(
          `note: ${response.prompt} has no production label; rendered its latest version, v${response.version}\n`,
        ),
      );
    }
    if (flags.json) printJson(context.stdout, response);
    else if (response.messages !== undefined)
      context.stdout.write(formatMessages(response.messages, context.colors));
    else context.stdout.write(ensureNewline(response.text ?? ""));
  });
}

/** `--data` is Dotprompt's data argument when its keys are all Dotprompt's; otherwise the variables. */
function toDataArgument(value: Record<string, unknown>): PromptFileData {
  const keys = Object.keys(value);
  const input = value.input;
  const isDataArgument =
    keys.length > 0 &&
    keys.every((key) => dataArgumentKeys.has(key)) &&
    (input === undefined || (input !== null && typeof input === "object" && !Array.isArray(input)));
  return isDataArgument ? (value as PromptFileData) : { input: value };
}

export function formatMessages(messages: readonly RenderedMessage[], colors: Colors): string {
  return messages
    .map((message) => {
      const body = message.content
        .map((part) => {
          const fields = part as Record<string, unknown>;
          if (typeof fields.text === "string") return fields.text;
          const media = fields.media;
          if (media !== null && typeof media === "object") {
            return `[media ${String((media as { url?: unknown }).url)}]`;
          }
          return JSON.stringify(part);
        })
        .join("");
      // Dotprompt keeps the newline after each role marker; a reader does not need it.
      const shown = body.replace(/^\s*\n/, "").trimEnd();
      return `${colors.bold(colors.cyan(`[${message.role}]`))}\n${ensureNewline(shown)}`;
    })
    .join("\n");
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}
