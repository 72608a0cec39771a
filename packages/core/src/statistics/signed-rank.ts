/**
 * Ranks of |value| from 1 (smallest) to n, ties getting the average of the ranks they span.
 * Returned in the input's order.
 */
export function rankAbsoluteValues(values: readonly number[]): number[] {
  const order = values
    .map((value, index) => ({ magnitude: Math.abs(value), index }))
    .sort((left, right) => left.magnitude - right.magnitude);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.magnitude === order[start]?.magnitude) end++;
    const averageRank = (start + end + 2) / 2;
    for (let position = start; position <= end; position++) {
      ranks[(order[position] as { index: number }).index] = averageRank;
    }
    start = end + 1;
  }
  return ranks;
}

/**
 * The exact null distribution of the positive rank sum W+ for these ranks (each rank is
 * positive or negative with probability ½, independently), as P(W+ ≤ observed) and
 * P(W+ ≥ observed). Ranks are whole or half numbers, so the distribution is counted over doubled
 * ranks: 2^n subsets folded into at most n(n+1)+1 sums, exact in doubles for n ≤ 50.
 */
export function exactSignedRankTails(
  ranks: readonly number[],
  observedPositiveRankSum: number,
): { lower: number; upper: number } {
  const doubledRanks = ranks.map((rank) => Math.round(rank * 2));
  const total = doubledRanks.reduce((sum, rank) => sum + rank, 0);
  let counts = new Array<number>(total + 1).fill(0);
  counts[0] = 1;
  let reachable = 0;
  for (const rank of doubledRanks) {
    const next = [...counts];
    for (let sum = 0; sum <= reachable; sum++) {
      const ways = counts[sum] as number;
      if (ways !== 0) next[sum + rank] = (next[sum + rank] as number) + ways;
    }
    counts = next;
    reachable += rank;
  }
  const observed = Math.round(observedPositiveRankSum * 2);
  const outcomes = 2 ** ranks.length;
  let lower = 0;
  let upper = 0;
  counts.forEach((ways, sum) => {
    if (sum <= observed) lower += ways;
    if (sum >= observed) upper += ways;
  });
  return { lower: lower / outcomes, upper: upper / outcomes };
}
