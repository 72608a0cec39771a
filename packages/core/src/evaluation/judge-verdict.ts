import { jsonCandidates } from "./json-candidates.js";
import type { FactualityCategory } from "./judge-prompts.js";

/** A judge's answer to llm-rubric. */
export interface RubricVerdict {
  pass?: boolean;
  score?: number;
  reason: string;
}

/** The judge's text, shortened for a reason. */
export function judgeSnippet(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
}

function firstObject(text: string): Record<string, unknown> | undefined {
  const found = jsonCandidates(text).find(
    (candidate) => typeof candidate === "object" && candidate !== null && !Array.isArray(candidate),
  );
  return found as Record<string, unknown> | undefined;
}

/** Reads `{pass, score, reason}` from the judge's text; undefined when it is not that. */
export function parseRubricVerdict(text: string): RubricVerdict | undefined {
  const object = firstObject(text);
  if (object === undefined) return undefined;
  const { pass, score, reason } = object;
  const passOk = pass === undefined || typeof pass === "boolean";
  const scoreOk = score === undefined || (typeof score === "number" && score >= 0 && score <= 1);
  if (!passOk || !scoreOk || (pass === undefined && score === undefined)) return undefined;
  return {
    ...(typeof pass === "boolean" ? { pass } : {}),
    ...(typeof score === "number" ? { score } : {}),
    reason: typeof reason === "string" ? reason : "",
  };
}

/** Reads `{category, reason}` from the judge's text (or a bare "(D) …" answer). */
export function parseFactualityVerdict(
  text: string,
): { category: FactualityCategory; reason: string } | undefined {
  const object = firstObject(text);
  const isCategory = (value: unknown): value is FactualityCategory =>
    typeof value === "string" && /^[A-E]$/.test(value);
  if (object !== undefined) {
    const category =
      typeof object.category === "string"
        ? object.category.replace(/[()\s]/g, "").toUpperCase()
        : undefined;
    if (!isCategory(category)) return undefined;
    return { category, reason: typeof object.reason === "string" ? object.reason : "" };
  }
  const bare = /^\s*\(?([A-E])\)?(?:[\s.:]|$)/.exec(text)?.[1];
  return isCategory(bare) ? { category: bare, reason: text.trim() } : undefined;
}
