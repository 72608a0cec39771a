import type { AssertionInput, AssertionServices } from "./assertion-context.js";
import type { AssertionSpec } from "./assertion-spec.js";

/** What one check found, before negation and weighting are applied. */
export interface AssertionOutcome {
  pass: boolean;
  /** 0–1. */
  score: number;
  reason: string;
  /** The check could not run; counts as failed whatever the negation. */
  errored?: boolean;
}

/** What a handler is given: the spec, its value (variables substituted, expected filled in). */
export interface AssertionCall {
  spec: AssertionSpec;
  /** `spec.value` with `{{variables}}` rendered, or the case's expected output where allowed. */
  value: unknown;
  input: AssertionInput;
  services: AssertionServices;
}

/** A problem with a spec found before running it: the field it is in and what is wrong. */
export interface SpecProblem {
  field: "value" | "threshold" | "options" | "provider" | "assert";
  message: string;
}

/** One assertion type. */
export interface AssertionHandler {
  /** When `value` is absent, the case's expected output is used (equals, contains, similar…). */
  valueFromExpected?: boolean;
  /** The value must be present (after the expected output fills in, where allowed). */
  requiresValue?: boolean;
  /** The value is code or a template of its own: `{{…}}` in it is not substituted. */
  keepsValueRaw?: boolean;
  /** Problems visible in the spec alone (a regex that does not compile, a bad threshold). */
  check?(spec: AssertionSpec): SpecProblem | undefined;
  evaluate(call: AssertionCall): AssertionOutcome | Promise<AssertionOutcome>;
}

/** An outcome that passes with score 1 or fails with 0. */
export function binary(pass: boolean, reason: string): AssertionOutcome {
  return { pass, score: pass ? 1 : 0, reason };
}

/** An outcome for a check that could not run. */
export function errored(reason: string): AssertionOutcome {
  return { pass: false, score: 0, reason, errored: true };
}

/** The start of the output for reasons: at most `length` characters, quoted. */
export function outputStart(output: string, length = 80): string {
  const flat = output.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
}

/** A value as text: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value) ?? String(value);
}

/** A threshold in [0, 1], or the problem with it. */
export function checkUnitThreshold(spec: AssertionSpec): SpecProblem | undefined {
  if (spec.threshold === undefined) return undefined;
  if (!(spec.threshold >= 0 && spec.threshold <= 1)) {
    return {
      field: "threshold",
      message: `threshold ${spec.threshold} is out of range; ${spec.type} takes a score threshold between 0 and 1`,
    };
  }
  return undefined;
}

/** A 0–1 score clamped into range (NaN becomes 0). */
export function clampScore(score: number): number {
  if (Number.isNaN(score)) return 0;
  return Math.min(1, Math.max(0, score));
}

/** A score for reasons: up to three decimals. */
export function formatScore(score: number): string {
  return String(Math.round(score * 1000) / 1000);
}
