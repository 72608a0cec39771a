import { findCanaryLeaks } from "./canary.js";
import { findPii } from "./find-pii.js";
import { findSecrets } from "./find-secrets.js";
import type { OutputCheckKind, OutputFinding } from "./output-finding.js";

export interface OutputCheckOptions {
  /** Which checks to run (default: secrets and pii, plus canary when canaries are given). */
  checks?: readonly OutputCheckKind[];
  /** Canary tokens that must not appear (from applyGuards). */
  canaries?: readonly string[];
}

export interface RedactResult {
  /** The text with each finding replaced by `[REDACTED:type]`. */
  text: string;
  /** What was found, located in the original text, in order. */
  findings: OutputFinding[];
}

/** Secrets first, then canaries, then personal data, when two findings overlap. */
const priority: Record<OutputFinding["kind"], number> = { secret: 0, canary: 1, pii: 2 };

/** Findings in `text` (a model's output, or any text), in order, without overlaps. */
export function checkOutput(text: string, options: OutputCheckOptions = {}): OutputFinding[] {
  const canaries = options.canaries ?? [];
  const checks = new Set(
    options.checks ?? ["secrets", "pii", ...(canaries.length > 0 ? (["canary"] as const) : [])],
  );
  const found: OutputFinding[] = [];
  if (checks.has("secrets")) found.push(...findSecrets(text));
  if (checks.has("canary")) found.push(...findCanaryLeaks(text, canaries));
  if (checks.has("pii")) found.push(...findPii(text));
  found.sort(
    (first, second) =>
      priority[first.kind] - priority[second.kind] ||
      second.end - second.start - (first.end - first.start) ||
      first.start - second.start,
  );
  // Keep each finding unless a stronger one already covers part of it (marking covered
  // characters keeps this linear in the text however many findings there are).
  const covered = new Uint8Array(found.length > 1 ? text.length : 0);
  const kept: OutputFinding[] = [];
  for (const candidate of found) {
    let free = true;
    for (let index = candidate.start; index < candidate.end && free; index += 1) {
      if (covered[index] === 1) free = false;
    }
    if (!free) continue;
    covered.fill(1, candidate.start, candidate.end);
    kept.push(candidate);
  }
  return kept.sort((first, second) => first.start - second.start);
}

/** `text` with its secrets, personal data and leaked canaries replaced by `[REDACTED:type]`. */
export function redact(text: string, options: OutputCheckOptions = {}): RedactResult {
  const findings = checkOutput(text, options);
  return { text: withRedactions(text, findings), findings };
}

/** `text` with each of `findings` (in order, not overlapping) replaced by `[REDACTED:type]`. */
export function withRedactions(text: string, findings: readonly OutputFinding[]): string {
  let output = "";
  let position = 0;
  for (const finding of findings) {
    output += `${text.slice(position, finding.start)}[REDACTED:${finding.type}]`;
    position = finding.end;
  }
  return output + text.slice(position);
}
