import { isQuireError } from "@quire/core";
import type { CliContext } from "../cli-context.js";

/**
 * Prints `error: <message>` and the details a person can use (a template excerpt, a list of
 * problems). The stack trace and every detail only with QUIRE_DEBUG=1.
 */
export function printError(context: CliContext, error: unknown): void {
  const debug = context.environment.QUIRE_DEBUG === "1";
  const lines: string[] = [];
  if (isQuireError(error)) {
    lines.push(`error: ${error.message}`);
    lines.push(...usefulDetails(error.details, error.message));
    if (debug)
      lines.push(`code: ${error.code}`, `details: ${JSON.stringify(error.details, null, 2)}`);
  } else if (error instanceof Error) {
    lines.push(`error: ${error.message}`);
  } else {
    lines.push(`error: ${String(error)}`);
  }
  if (debug && error instanceof Error && error.stack !== undefined) lines.push(error.stack);
  context.stderr.write(`${lines.join("\n")}\n`);
}

function usefulDetails(details: Record<string, unknown>, message: string): string[] {
  const lines: string[] = [];
  const excerpt = details.excerpt;
  if (typeof excerpt === "string" && excerpt !== "" && !message.includes(excerpt)) {
    lines.push(...excerpt.split("\n").map((line) => `  ${line}`));
  }
  const issues = details.issues;
  if (Array.isArray(issues) && issues.length > 1) {
    for (const issue of issues.slice(0, 20)) {
      if (issue !== null && typeof issue === "object") {
        const { path, message: issueMessage } = issue as { path?: unknown; message?: unknown };
        const where = Array.isArray(path) ? path.join(".") : typeof path === "string" ? path : "";
        lines.push(`  - ${where === "" ? "" : `${where}: `}${String(issueMessage)}`);
      }
    }
  }
  return lines;
}
