import {
  type EngineName,
  getTemplateEngine,
  isQuireError,
  type ScanReason,
  scanText,
  type TemplateVariable,
} from "@quire/core";
import type { EditorProblem } from "./code-editor.js";

export interface TemplateAnalysis {
  /** The variables the template reads, from the engine's parse tree (empty on a syntax error). */
  variables: TemplateVariable[];
  /** Syntax errors (at their line and column) and injection warnings (at their text). */
  problems: EditorProblem[];
  /** The syntax error's message, when the template does not parse. */
  syntaxError: string | null;
  /** Prompt-injection evidence in the template itself (core's scanner), when it is flagged. */
  injection: ScanReason[];
}

/** Parses a template with its engine (core, in the browser) and scans it for injection patterns. */
export function analyzeTemplate(engine: EngineName, source: string): TemplateAnalysis {
  const problems: EditorProblem[] = [];
  let variables: TemplateVariable[] = [];
  let syntaxError: string | null = null;
  try {
    variables = getTemplateEngine(engine).variables(source);
  } catch (error) {
    syntaxError = error instanceof Error ? error.message : String(error);
    const details = isQuireError(error)
      ? (error.details as { line?: number; column?: number } | undefined)
      : undefined;
    const from = offsetOf(source, details?.line ?? 1, details?.column ?? 1);
    problems.push({
      from,
      to: Math.min(source.length, from + 1),
      severity: "error",
      message: syntaxError,
    });
  }
  const scan = scanText(source);
  const seen = new Set<string>();
  const injection = (scan.flagged ? scan.reasons : []).filter((reason) => {
    const key = `${reason.category}:${reason.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const reason of injection) {
    // Whole-text signals (the learned model, instruction density) have no place to mark.
    if (reason.start === 0 && reason.end >= source.length) continue;
    problems.push({
      from: reason.start,
      to: reason.end,
      severity: "warning",
      message: `Looks like prompt injection (${reason.category}: ${reason.rule}). If this text is meant for the model, keep it; if it came from outside, it could take over the prompt.`,
    });
  }
  return { variables, problems, syntaxError, injection };
}

/** The offset of a 1-based line and column in a text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf("\n", offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(end, offset + Math.max(0, column - 1));
}

/** Variables of several templates (a chat prompt's messages), merged by name. */
export function mergeVariables(lists: readonly TemplateVariable[][]): TemplateVariable[] {
  const byName = new Map<string, TemplateVariable>();
  for (const list of lists) {
    for (const variable of list) {
      const known = byName.get(variable.name);
      if (known === undefined) {
        byName.set(variable.name, variable);
      } else {
        byName.set(variable.name, {
          name: variable.name,
          kind: known.kind === "value" ? variable.kind : known.kind,
          properties: mergeVariables([known.properties, variable.properties]),
        });
      }
    }
  }
  return [...byName.values()];
}
