import { QuireError } from "../errors/index.js";
import type { JsonSchema } from "../prompts/prompt-content.js";
import { createCanaryToken } from "./canary.js";
import { type GuardOptions, type GuardOptionsInput, guardOptionsSchema } from "./guard-options.js";
import { canaryPreamble, hierarchyPreamble, wrapPreamble } from "./guard-preamble.js";
import type { InjectionScanner } from "./injection-scanner.js";
import { cryptoRandom, type RandomSource, randomHex } from "./random-source.js";
import { sanitizeText } from "./sanitize-text.js";
import { scanText } from "./scan-text.js";
import { defaultSensitivity, flagThresholds, type ScanReason } from "./scan-types.js";
import { transformUntrusted } from "./untrusted-variables.js";

/** One untrusted value the detector scored at or above the flag threshold. */
export interface GuardFinding {
  /** The variable, e.g. `ticket` or `documents[0].body`. */
  variable: string;
  score: number;
  flagged: boolean;
  reasons: ScanReason[];
}

export interface GuardedVariables {
  /** The variables to render with: untrusted strings sanitized and wrapped as asked. */
  variables: Record<string, unknown>;
  /** Put first in the system message (or at the top of a text prompt). */
  systemPreamble?: string;
  /** The canary token in the preamble: check outputs with `checkOutput(text, { canaries })`. */
  canary?: string;
  /** Untrusted values the detector flagged (empty unless `detect` is on). */
  findings: GuardFinding[];
  /** Every untrusted value the guards applied to. */
  guarded: string[];
}

export interface ApplyGuardsOptions {
  /** Randomness for delimiters and canaries (default: Web Crypto). */
  random?: RandomSource;
  /** The detector (default: `scanText`, rules and the shipped model). */
  scan?: InjectionScanner;
}

/** Parses guard options, or VALIDATION_FAILED naming the option that is wrong. */
export function parseGuardOptions(guard: unknown): GuardOptions {
  const parsed = guardOptionsSchema.safeParse(guard);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join(".") ?? "";
  throw new QuireError(
    "VALIDATION_FAILED",
    `Invalid guard options${path === "" ? "" : ` at guard.${path}`}: ${issue?.message ?? "invalid"}. Use detect, sanitize, wrap, hierarchy, canary and untrusted (see the security docs).`,
    { details: { path: path === "" ? "guard" : `guard.${path}`, issues: parsed.error.issues } },
  );
}

function refusal(finding: GuardFinding, threshold: number): QuireError {
  const strongest = finding.reasons[0];
  const because =
    strongest === undefined
      ? ""
      : ` (${strongest.category}: "${strongest.evidence.slice(0, 80)}" at ${strongest.start}–${strongest.end})`;
  return new QuireError(
    "VALIDATION_FAILED",
    `The variable "${finding.variable}" looks like a prompt injection: score ${finding.score} ≥ ${threshold}${because}. Remove the instructions from the value, or set guard.detect.action to "flag" to render it anyway.`,
    {
      details: {
        variable: finding.variable,
        score: finding.score,
        threshold,
        reasons: finding.reasons.slice(0, 5),
      },
    },
  );
}

/**
 * Applies render-time defenses to the untrusted variables (those marked `"x-untrusted": true` in
 * the input schema or named in `guard.untrusted`; all string variables when nothing is marked):
 * detect (flag, or refuse with VALIDATION_FAILED naming the variable), sanitize, wrap in random
 * delimiters, and build the system preamble (instruction hierarchy, delimiter explanation,
 * canary). Pure: the caller's variables are not changed. With no guard options, nothing changes.
 */
export function applyGuards(
  variables: Record<string, unknown>,
  inputSchema: JsonSchema | null,
  guard: GuardOptionsInput | undefined,
  options: ApplyGuardsOptions = {},
): GuardedVariables {
  const parsed = parseGuardOptions(guard ?? {});
  const random = options.random ?? cryptoRandom;
  const scan = options.scan ?? scanText;
  const detect = parsed.detect === true ? { action: "flag" as const } : parsed.detect || undefined;
  const sanitize = parsed.sanitize === true ? {} : parsed.sanitize || undefined;
  const threshold =
    detect === undefined
      ? 1
      : (detect.threshold ?? flagThresholds[detect.sensitivity ?? defaultSensitivity]);
  const findings: GuardFinding[] = [];
  const guarded: string[] = [];
  const tag = parsed.wrap === true ? `untrusted-${randomHex(random, 6)}` : undefined;

  const guardedVariables = transformUntrusted(
    variables,
    inputSchema,
    parsed.untrusted ?? [],
    (value, path) => {
      guarded.push(path);
      if (detect !== undefined) {
        const result = scan(value, { threshold });
        if (result.flagged) {
          const finding = {
            variable: path,
            score: result.score,
            flagged: true,
            reasons: result.reasons,
          };
          if (detect.action === "refuse") throw refusal(finding, threshold);
          findings.push(finding);
        }
      }
      const cleaned = sanitize === undefined ? value : sanitizeText(value, sanitize).text;
      return tag === undefined ? cleaned : `<${tag}>\n${cleaned}\n</${tag}>`;
    },
  );

  const sections: string[] = [];
  if (parsed.hierarchy === true) sections.push(hierarchyPreamble());
  if (tag !== undefined && guarded.length > 0) sections.push(wrapPreamble(`<${tag}>`, `</${tag}>`));
  const canary = parsed.canary === true ? createCanaryToken(random) : undefined;
  if (canary !== undefined) sections.push(canaryPreamble(canary));
  return {
    variables: guardedVariables,
    ...(sections.length > 0 ? { systemPreamble: sections.join("\n\n") } : {}),
    ...(canary === undefined ? {} : { canary }),
    findings,
    guarded,
  };
}
