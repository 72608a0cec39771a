import type { SecurityScanResult } from "@quire/core";
import type { Colors } from "../cli-context.js";

/** Line and column (1-based) of each UTF-16 offset asked for, in one pass over the text. */
export function lineColumns(text: string, offsets: readonly number[]): Map<number, string> {
  const sorted = [...new Set(offsets)].sort((first, second) => first - second);
  const found = new Map<number, string>();
  let line = 1;
  let lineStart = 0;
  let index = 0;
  for (const offset of sorted) {
    while (index < offset && index < text.length) {
      if (text.charCodeAt(index) === 0x0a) {
        line += 1;
        lineStart = index + 1;
      }
      index += 1;
    }
    found.set(offset, `${line}:${offset - lineStart + 1}`);
  }
  return found;
}

/** One line of evidence: shown on one line, at most 80 characters. */
function shown(evidence: string): string {
  const flat = evidence.replace(/\s+/g, " ");
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

/** What `quire scan` prints for one input (a file name, or "text"). */
export function formatScanReport(
  name: string,
  text: string,
  result: SecurityScanResult,
  colors: Colors,
): string {
  const offsets = [
    ...(result.injection?.reasons ?? []).map((reason) => reason.start),
    ...(result.findings ?? []).map((finding) => finding.start),
  ];
  const at = lineColumns(text, offsets);
  const lines: string[] = [];
  const verdict = result.flagged ? colors.red("flagged") : colors.green("clean");
  lines.push(`${colors.bold(name)}: ${verdict}`);
  const injection = result.injection;
  if (injection !== undefined) {
    lines.push(
      `  prompt injection: score ${injection.score} (flagged at ${injection.threshold})${injection.reasons.length === 0 ? ", no evidence" : ""}`,
    );
    for (const reason of injection.reasons) {
      lines.push(
        `    ${reason.category.padEnd(19)} ${(at.get(reason.start) ?? "").padEnd(7)} ${reason.weight.toFixed(2)}  ${shown(reason.evidence)}  ${colors.dim(reason.rule)}`,
      );
    }
  }
  if (result.findings !== undefined) {
    lines.push(`  secrets, personal data, canaries: ${result.findings.length} found`);
    for (const finding of result.findings) {
      lines.push(
        `    ${finding.type.padEnd(19)} ${(at.get(finding.start) ?? "").padEnd(7)} ${finding.preview}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
