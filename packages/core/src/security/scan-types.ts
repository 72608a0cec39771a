/** What the injection detector reports: a score, a verdict and the reasons behind them. */

/** The kinds of evidence the detector finds. */
export const scanCategories = [
  "override",
  "role-play",
  "prompt-leak",
  "exfiltration",
  "delimiter",
  "hidden-characters",
  "homoglyphs",
  "encoded-payload",
  "multilingual",
  "instruction-density",
  "learned-model",
] as const;
export type ScanCategory = (typeof scanCategories)[number];

/** How readily text is flagged: `high` flags more (lower threshold), `low` flags less. */
export const sensitivities = ["low", "medium", "high"] as const;
export type Sensitivity = (typeof sensitivities)[number];

/** The score at or above which text is flagged, per sensitivity. */
export const flagThresholds: Readonly<Record<Sensitivity, number>> = {
  low: 0.7,
  medium: 0.5,
  high: 0.3,
};

export const defaultSensitivity: Sensitivity = "medium";

/** One piece of evidence, located in the text that was scanned (UTF-16 offsets, end exclusive). */
export interface ScanReason {
  category: ScanCategory;
  /** Which rule found it, e.g. `override.ignore-previous` or `de.override`. */
  rule: string;
  /** The text that matched (at most 200 characters; for decoded payloads, the decoded text). */
  evidence: string;
  start: number;
  end: number;
  /** How much this reason alone says the text is an injection, 0..1. */
  weight: number;
}

export interface ScanResult {
  /** 0..1: how likely the text is a prompt injection or jailbreak. */
  score: number;
  /** Whether `score` reached the threshold of the sensitivity asked for. */
  flagged: boolean;
  /** The threshold that was applied. */
  threshold: number;
  /** Evidence, strongest first. */
  reasons: ScanReason[];
}

export interface ScanOptions {
  /** Default `medium`. */
  sensitivity?: Sensitivity;
  /** An explicit flag threshold (0..1), overriding the sensitivity's. */
  threshold?: number;
  /** Leave out the learned model (rules only). Default: use it. */
  learnedModel?: boolean;
}
