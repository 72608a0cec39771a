import {
  chatFraming,
  type EncodingName,
  getTokenizer,
  type ModelInfo,
  modelInfo,
  type TokenMessage,
} from "@quire/core";
import type { Colors } from "../cli-context.js";

/** What `quire tokens` counts: a text, or chat messages (text parts counted, media not). */
export type CountedContent = { text: string } | { messages: readonly TokenMessage[] };

/** `quire tokens --json` prints this. */
export interface TokenReport {
  /** The prompt's name, or the file as given. */
  prompt: string;
  version?: number;
  model: string;
  /** `rendered` with the variables; `template` as written, when it could not be rendered. */
  source: "rendered" | "template";
  encoding: EncodingName;
  /** True when the model's tokenizer is not shipped and every count is an estimate. */
  estimated: boolean;
  /** Per chat message, its framing included (3 tokens, and 1 for a name); absent for text. */
  messages?: { role: string; tokens: number }[];
  /** The whole prompt; for chat, with the 3 tokens that prime the reply. */
  total: number;
  /** From the model table (with quire.toml's `[models]`); null for a model it does not know. */
  contextWindow: number | null;
  maxOutputTokens: number | null;
  /** Window − prompt − max output: what is left for more context; negative when over. */
  available: number | null;
  notes: string[];
}

export interface TokenReportOptions {
  prompt: string;
  version?: number;
  model: string;
  models: readonly ModelInfo[];
  source: TokenReport["source"];
  notes?: string[];
}

/** Counts a prompt for a model and looks up how much of its window is left. */
export async function tokenReport(
  content: CountedContent,
  options: TokenReportOptions,
): Promise<TokenReport> {
  const tokenizer = await getTokenizer({ model: options.model, models: options.models });
  let total: number;
  let messages: TokenReport["messages"];
  if ("text" in content) {
    total = tokenizer.count(content.text);
  } else {
    messages = content.messages.map((message) => ({
      role: message.role,
      tokens: tokenizer.countMessages([message]) - chatFraming.replyPriming,
    }));
    total = tokenizer.countMessages(content.messages);
  }
  const info = modelInfo(options.model, options.models);
  const notes = [...(options.notes ?? [])];
  if (info === undefined) {
    notes.push(
      `${options.model} is not in the model table, so its context window is unknown; add it under [models."${options.model}"] in quire.toml (contextWindow, maxOutputTokens).`,
    );
  }
  if (tokenizer.estimated) {
    notes.push(
      `${options.model}'s own tokenizer is not shipped with Quire: counts are estimates from ${tokenizer.encoding} (see "Token estimates" in the README).`,
    );
  }
  return {
    prompt: options.prompt,
    ...(options.version === undefined ? {} : { version: options.version }),
    model: options.model,
    source: options.source,
    encoding: tokenizer.encoding,
    estimated: tokenizer.estimated,
    ...(messages === undefined ? {} : { messages }),
    total,
    contextWindow: info?.contextWindow ?? null,
    maxOutputTokens: info?.maxOutputTokens ?? null,
    available: info === undefined ? null : info.contextWindow - total - info.maxOutputTokens,
    notes,
  };
}

/** The report for a person: one line per message, the total, and the window left. */
export function formatTokenReport(report: TokenReport, colors: Colors): string {
  const number = (value: number) =>
    `${report.estimated ? "~" : ""}${value.toLocaleString("en-US")}`;
  const kind = report.estimated ? "estimate" : "exact";
  const lines = [
    `${colors.bold(report.prompt)}${report.version === undefined ? "" : ` v${report.version}`} · ${report.model} (${report.encoding}, ${kind}) · ${report.source === "rendered" ? "rendered" : "template as written"}`,
  ];
  const width = Math.max(5, ...(report.messages ?? []).map((message) => message.role.length + 2));
  for (const message of report.messages ?? []) {
    lines.push(`  ${colors.cyan(`[${message.role}]`.padEnd(width))}  ${number(message.tokens)}`);
  }
  const primed = report.messages === undefined ? "" : colors.dim(" (3 of them prime the reply)");
  lines.push(`  ${"total".padEnd(width)}  ${colors.bold(number(report.total))} tokens${primed}`);
  if (
    report.contextWindow !== null &&
    report.maxOutputTokens !== null &&
    report.available !== null
  ) {
    const left = `${number(report.available)} tokens left`;
    lines.push(
      `  window ${report.contextWindow.toLocaleString("en-US")} − prompt ${number(report.total)} − max output ${report.maxOutputTokens.toLocaleString("en-US")} = ${report.available < 0 ? colors.red(`${left} (over)`) : colors.green(left)}`,
    );
  }
  for (const note of report.notes) lines.push(colors.dim(`note: ${note}`));
  return `${lines.join("\n")}\n`;
}
