import type { OutputCheckKind, OutputFinding } from "./output-finding.js";
import { checkOutput, withRedactions } from "./redact.js";
import { scanText } from "./scan-text.js";
import type { ScanResult, Sensitivity } from "./scan-types.js";

/** What a security scan can look for: prompt injection, or (in outputs) secrets, PII, canaries. */
export const securityChecks = ["injection", "secrets", "pii", "canary"] as const;
export type SecurityCheck = (typeof securityChecks)[number];

export interface SecurityScanOptions {
  /** Default: injection only. */
  checks?: readonly SecurityCheck[];
  sensitivity?: Sensitivity;
  threshold?: number;
  /** Canary tokens to look for (the canary check needs them). */
  canaries?: readonly string[];
  /** Also return the text with the findings of the secrets, pii and canary checks redacted. */
  redact?: boolean;
}

export interface SecurityScanResult {
  /** Whether any check asked for found something: injection flagged, or any finding. */
  flagged: boolean;
  /** The injection check's result, when asked for. */
  injection?: ScanResult;
  /** Findings of the secrets, pii and canary checks, when asked for. */
  findings?: OutputFinding[];
  /** The text with those findings replaced by `[REDACTED:type]`, when `redact` is on. */
  redactedText?: string;
}

/** Runs the checks asked for on one text: what `POST /v1/security/scan` and `quire scan` do. */
export function securityScan(text: string, options: SecurityScanOptions = {}): SecurityScanResult {
  const checks = new Set(options.checks ?? ["injection"]);
  const result: SecurityScanResult = { flagged: false };
  if (checks.has("injection")) {
    result.injection = scanText(text, {
      ...(options.sensitivity === undefined ? {} : { sensitivity: options.sensitivity }),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    });
    result.flagged = result.injection.flagged;
  }
  const outputChecks = [...checks].filter(
    (check): check is OutputCheckKind => check !== "injection",
  );
  if (outputChecks.length > 0) {
    const findings = checkOutput(text, {
      checks: outputChecks,
      canaries: options.canaries ?? [],
    });
    result.findings = findings;
    result.flagged ||= findings.length > 0;
    if (options.redact === true) result.redactedText = withRedactions(text, findings);
  }
  return result;
}
