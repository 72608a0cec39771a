/** One sample's vote: the answer as written, the key it is counted under, and its weight. */
export interface Ballot {
  answer: string;
  key: string;
  /** 1 in a majority vote; the sample's confidence in a confidence-weighted vote. */
  weight: number;
  sampleIndex: number;
}

/** How one answer fared. */
export interface VoteShare {
  /** The answer as the first sample that gave it wrote it. */
  answer: string;
  key: string;
  votes: number;
  /** Sum of the weights of its ballots (equals `votes` in a majority vote). */
  weight: number;
  /** Its weight over the total weight, 0–1. */
  share: number;
  sampleIndexes: number[];
}

export interface VoteCount {
  /** Undefined only when there were no ballots. */
  winner: VoteShare | undefined;
  /** Every answer, best first: by weight, then votes, then the earliest sample. */
  distribution: VoteShare[];
  /** Whether the winner only won on the earliest-sample rule (another had equal weight and votes). */
  tie: boolean;
}

/** Counts ballots by key. Ties go to the answer whose first ballot came from the earliest sample. */
export function countVotes(ballots: readonly Ballot[]): VoteCount {
  const byKey = new Map<string, VoteShare>();
  let totalWeight = 0;
  for (const ballot of ballots) {
    totalWeight += ballot.weight;
    const share = byKey.get(ballot.key);
    if (share === undefined) {
      byKey.set(ballot.key, {
        answer: ballot.answer,
        key: ballot.key,
        votes: 1,
        weight: ballot.weight,
        share: 0,
        sampleIndexes: [ballot.sampleIndex],
      });
    } else {
      share.votes += 1;
      share.weight += ballot.weight;
      if (ballot.sampleIndex < Math.min(...share.sampleIndexes)) share.answer = ballot.answer;
      share.sampleIndexes.push(ballot.sampleIndex);
    }
  }
  const distribution = [...byKey.values()].map((share) => {
    share.sampleIndexes.sort((left, right) => left - right);
    share.share = totalWeight > 0 ? share.weight / totalWeight : 1 / byKey.size;
    return share;
  });
  distribution.sort(
    (left, right) =>
      right.weight - left.weight ||
      right.votes - left.votes ||
      (left.sampleIndexes[0] ?? 0) - (right.sampleIndexes[0] ?? 0),
  );
  const [winner, runnerUp] = distribution;
  const tie =
    winner !== undefined &&
    runnerUp !== undefined &&
    runnerUp.weight === winner.weight &&
    runnerUp.votes === winner.votes;
  return { winner, distribution, tie };
}

/**
 * A sample's confidence from its token log-probabilities: the geometric mean of the token
 * probabilities, exp(mean logprob), in (0, 1]. Undefined without log-probabilities.
 */
export function confidenceFromLogprobs(
  logprobs: ReadonlyArray<{ logprob: number }> | undefined,
): number | undefined {
  if (logprobs === undefined || logprobs.length === 0) return undefined;
  const finite = logprobs.filter((entry) => Number.isFinite(entry.logprob));
  if (finite.length === 0) return undefined;
  const mean = finite.reduce((total, entry) => total + entry.logprob, 0) / finite.length;
  return Math.exp(Math.min(0, mean));
}
