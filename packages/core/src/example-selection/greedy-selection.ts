/** What the greedy selector knows about each pool item, by pool index. */
export interface SelectionCandidates {
  /** How relevant each item is to the query; higher is better. Finite numbers. */
  relevance: readonly number[];
  /** How alike two items are (for MMR); needed only when `lambda` is below 1. */
  similarity?: (left: number, right: number) => number;
  /** Each item's label for balanced selection; `undefined` is a label of its own. */
  labels?: readonly (string | undefined)[];
  /** Each item's cost in tokens (0 when not given). */
  costs?: readonly number[];
}

export interface GreedySelectionOptions {
  /** At most this many items. */
  k: number;
  /**
   * Maximal marginal relevance (Carbonell and Goldstein, 1998): each pick maximizes
   * `lambda × relevance − (1 − lambda) × (highest similarity to an item already picked)`.
   * 1 is relevance alone, 0 diversity alone. Leave it out for relevance alone.
   */
  lambda?: number;
  /** Take labels in turn: a label gets its next item only when no label with fewer can. */
  balanceByLabel?: boolean;
  /** The costs of the picked items never add up to more than this. */
  budget?: number;
}

/**
 * Picks pool indices one at a time, in the order picked. Each step considers the items not yet
 * picked that still fit the budget (and, when balancing, whose label has been picked least among
 * labels that still have such an item), and takes the best score; ties go to the more relevant,
 * then to the earlier in the pool, so the result is deterministic. Stops at `k` or when nothing
 * fits. Time O(k × pool size).
 */
export function greedySelection(
  candidates: SelectionCandidates,
  options: GreedySelectionOptions,
): number[] {
  const { relevance, labels, costs, similarity } = candidates;
  const size = relevance.length;
  const lambda = options.lambda ?? 1;
  const diverse = lambda < 1 && similarity !== undefined;
  const budget = options.budget ?? Number.POSITIVE_INFINITY;
  const taken = new Array<boolean>(size).fill(false);
  const closest = new Array<number>(size).fill(Number.NEGATIVE_INFINITY);
  const labelCounts = new Map<string | undefined, number>();
  const picked: number[] = [];
  let spent = 0;

  const fits = (index: number) => !taken[index] && (costs?.[index] ?? 0) <= budget - spent;
  const countOf = (index: number) => labelCounts.get(labels?.[index]) ?? 0;

  while (picked.length < options.k) {
    let fewest = Number.POSITIVE_INFINITY;
    if (options.balanceByLabel === true) {
      for (let index = 0; index < size; index += 1) {
        if (fits(index)) fewest = Math.min(fewest, countOf(index));
      }
    }
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < size; index += 1) {
      if (!fits(index)) continue;
      if (options.balanceByLabel === true && countOf(index) !== fewest) continue;
      const own = relevance[index] ?? 0;
      const score =
        diverse && picked.length > 0 ? lambda * own - (1 - lambda) * (closest[index] ?? 0) : own;
      if (
        best === -1 ||
        score > bestScore ||
        (score === bestScore && own > (relevance[best] ?? 0))
      ) {
        best = index;
        bestScore = score;
      }
    }
    if (best === -1) break;
    taken[best] = true;
    picked.push(best);
    spent += costs?.[best] ?? 0;
    labelCounts.set(labels?.[best], countOf(best) + 1);
    if (diverse) {
      for (let index = 0; index < size; index += 1) {
        if (!taken[index]) closest[index] = Math.max(closest[index] ?? 0, similarity(best, index));
      }
    }
  }
  return picked;
}
