import type { ScanCategory, ScanReason } from "./scan-types.js";

function descending(first: number, second: number): number {
  return second - first;
}

/**
 * The rules' score: each rule counts once (its strongest match); within a category the strongest
 * rule counts fully and a second, different rule adds a third of its weight (overlapping
 * phrasings of one idea are not independent evidence); categories combine as independent
 * evidence (noisy-OR: 1 − ∏(1 − category score)).
 */
export function ruleScore(reasons: readonly ScanReason[]): number {
  const strongestByRule = new Map<string, ScanReason>();
  for (const reason of reasons) {
    if (reason.category === "learned-model") continue;
    const known = strongestByRule.get(reason.rule);
    if (known === undefined || reason.weight > known.weight)
      strongestByRule.set(reason.rule, reason);
  }
  const byCategory = new Map<ScanCategory, number[]>();
  for (const reason of strongestByRule.values()) {
    const weights = byCategory.get(reason.category) ?? [];
    weights.push(reason.weight);
    byCategory.set(reason.category, weights);
  }
  let remaining = 1;
  for (const weights of byCategory.values()) {
    weights.sort(descending);
    const strongest = weights[0] ?? 0;
    const second = weights[1] ?? 0;
    const categoryScore = strongest + (1 - strongest) * (second / 3);
    remaining *= 1 - Math.min(1, categoryScore);
  }
  return 1 - remaining;
}
