import type { RunOptions } from "@quire/client";
import type { GenerationParameters, RunResponse } from "@quire/core";
import type { Command } from "commander";
import type { CliContext, Colors } from "../cli-context.js";
import { printJson } from "../output/format-table.js";
import { UsageError } from "../usage-error.js";
import { parseDataOption, parseVariables } from "../variables/parse-variable.js";
import { withVariableHint } from "../variables/variable-hint.js";
import { addConnectionOptions, type ConnectionFlags, connect } from "./connection.js";
import { type PromptReference, parsePromptReference } from "./prompt-reference.js";

interface RunFlags extends ConnectionFlags {
  label?: string;
  version?: string;
  var?: string[];
  data?: string;
  model?: string;
  param?: string[];
  fallback?: string[];
  cache?: boolean;
  stablePrefix?: string;
  stream?: boolean;
  json?: boolean;
}

const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerRunCommand(program: Command, context: CliContext): void {
  addConnectionOptions(
    program
      .command("run")
      .summary("run a prompt on a model through the server")
      .description(
        "run a version on a model through the server: render, call the model (with the version's fallback, retries and response cache), print the answer, and log an execution; a summary (model, tokens, time, cost) goes to stderr",
      )
      .argument("<name>", "support/triage, support/triage@staging or support/triage:3")
      .option("--label <label>", "the label to run (default production)")
      .option("--version <number>", "the version number to run")
      .option(
        "--var <name=value>",
        "a variable; the value is read as JSON when it parses (3, true, [1,2]), else as text (repeatable)",
        repeatable,
      )
      .option("--data <json>", "variables as a JSON object; --var values are applied on top")
      .option("--model <model>", "the model to call (default: the version's config.model)")
      .option(
        "--param <name=value>",
        "a generation parameter: temperature, topP, maxOutputTokens, seed, stopSequences… (repeatable)",
        repeatable,
      )
      .option(
        "--fallback <model>",
        "a model to try when the one before fails (repeatable; replaces the version's config.fallback)",
        repeatable,
      )
      .option("--no-cache", "neither read nor fill the response cache")
      .option(
        "--stable-prefix <system|count>",
        "the first messages that stay the same across calls, for the provider's prompt cache: \"system\" or a number of messages (replaces the version's config.stablePrefix)",
      )
      .option("--stream", "print the answer as it is generated")
      .option("--json", "print the server's JSON answer (with --stream: one JSON event per line)"),
  ).action(async (target: string, flags: RunFlags) => {
    const variableFlags = flags.var ?? [];
    const options: RunOptions = {
      ...selectorOf(parsePromptReference(target), flags),
      variables: {
        ...(flags.data === undefined ? {} : parseDataOption(flags.data)),
        ...parseVariables(variableFlags),
      },
      ...(flags.model === undefined ? {} : { model: flags.model }),
      ...(flags.param === undefined ? {} : { params: parseParameters(flags.param) }),
      ...(flags.fallback === undefined ? {} : { fallback: flags.fallback }),
      ...(flags.cache === false ? { cache: false } : {}),
      ...(flags.stablePrefix === undefined
        ? {}
        : { stablePrefix: parseStablePrefix(flags.stablePrefix) }),
    };
    const name = parsePromptReference(target).name;
    const { client } = connect(flags, context);
    try {
      if (flags.stream !== true) {
        const result = await client.runPrompt(name, options);
        if (flags.json) printJson(context.stdout, result);
        else {
          context.stdout.write(ensureNewline(shownOutput(result)));
          context.stderr.write(summaryLine(result, context.colors));
        }
        return;
      }
      let printed = "";
      try {
        for await (const event of client.streamPrompt(name, options)) {
          if (flags.json) context.stdout.write(`${JSON.stringify(event)}\n`);
          else if (event.type === "delta") {
            context.stdout.write(event.text);
            printed += event.text;
          } else {
            if (!printed.endsWith("\n")) context.stdout.write("\n");
            context.stderr.write(summaryLine(event.result, context.colors));
          }
        }
      } catch (error) {
        // Keep what was printed on its own line before the error message.
        if (printed !== "" && !printed.endsWith("\n")) context.stdout.write("\n");
        throw error;
      }
    } catch (error) {
      throw withVariableHint(error, variableFlags);
    }
  });
}

function selectorOf(
  reference: PromptReference,
  flags: RunFlags,
): Pick<RunOptions, "label" | "version"> {
  const version = flags.version === undefined ? undefined : parseVersion(flags.version);
  const given = [reference.label ?? reference.version, flags.label, version].filter(
    (value) => value !== undefined,
  );
  if (given.length > 1) {
    throw new UsageError(
      "give one of NAME@LABEL, NAME:VERSION, --label and --version, not several",
    );
  }
  const label = reference.label ?? flags.label;
  const number = reference.version ?? version;
  return {
    ...(label === undefined ? {} : { label }),
    ...(number === undefined ? {} : { version: number }),
  };
}

function parseVersion(text: string): number {
  if (!/^[1-9]\d*$/.test(text.trim())) {
    throw new UsageError(`--version must be a positive whole number, got ${JSON.stringify(text)}`, {
      option: "--version",
    });
  }
  return Number(text);
}

/** `--param name=value` flags; values read as JSON when they parse (0.2, 100, ["END"]). */
function parseParameters(texts: readonly string[]): GenerationParameters {
  const parameters: Record<string, unknown> = {};
  for (const text of texts) {
    const separator = text.indexOf("=");
    const name = separator === -1 ? "" : text.slice(0, separator).trim();
    if (name === "") {
      throw new UsageError(
        `--param expects NAME=VALUE, got ${JSON.stringify(text)}; for example --param temperature=0.2`,
        { option: "--param", given: text },
      );
    }
    const raw = text.slice(separator + 1);
    try {
      parameters[name] = JSON.parse(raw);
    } catch {
      parameters[name] = raw;
    }
  }
  // The server checks names and ranges, and names a bad one.
  return parameters as GenerationParameters;
}

/**
 * The answer as a person reads it: checked JSON pretty-printed, else the text; then one line per
 * tool call the application must run (tool calling with client-side tools stopped at them).
 */
function shownOutput(result: RunResponse): string {
  const answer = result.json === undefined ? result.output : JSON.stringify(result.json, null, 2);
  const calls = (result.toolCalls ?? []).map(
    (call) => `tool call ${call.name} ${JSON.stringify(call.arguments)} (id ${call.id})`,
  );
  return [answer, ...calls].filter((line) => line !== "").join("\n");
}

/** One line for stderr: who answered, tokens, time, cost, cache, fallbacks. */
export function summaryLine(result: RunResponse, colors: Colors): string {
  const { usage, cost } = result;
  const parts = [
    `${result.prompt} v${result.version}`,
    result.servedBy,
    `${usage.inputTokens} in / ${usage.outputTokens} out tokens${usage.estimated ? " (estimated)" : ""}`,
    `${Math.round(result.latencyMs)} ms`,
  ];
  if (result.timeToFirstTokenMs !== null) {
    parts.push(`first token ${Math.round(result.timeToFirstTokenMs)} ms`);
  }
  if (cost !== null) {
    parts.push(`$${cost.usd.toFixed(6)}${cost.estimated ? " (estimated)" : ""}`);
  }
  if (result.cacheHit) parts.push("cache hit");
  if (result.failures.length > 0) {
    const failed = result.failures.map((failure) => `${failure.modelId} (${failure.errorClass})`);
    parts.push(`after ${failed.join(", ")} failed`);
  }
  return colors.dim(`${parts.join(" · ")}\n`);
}

function ensureNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

function parseStablePrefix(value: string): "system" | number {
  if (value.trim() === "system") return "system";
  if (/^\s*[1-9]\d*\s*$/.test(value)) return Number(value);
  throw new UsageError(
    `--stable-prefix must be "system" or a number of messages from 1, got ${JSON.stringify(value)}`,
  );
}
