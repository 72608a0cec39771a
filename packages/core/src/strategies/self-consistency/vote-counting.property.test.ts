import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Ballot, confidenceFromLogprobs, countVotes } from "./vote-counting.js";

const ballots = (weighted: boolean) =>
  fc
    .array(
      fc.record({
        key: fc.constantFrom("a", "b", "c", "d"),
        weight: weighted ? fc.double({ min: 0.01, max: 1, noNaN: true }) : fc.constant(1),
      }),
      { maxLength: 30 },
    )
    .map((drawn) =>
      drawn.map(
        (ballot, sampleIndex): Ballot => ({
          ...ballot,
          answer: ballot.key.toUpperCase(),
          sampleIndex,
        }),
      ),
    );

describe("countVotes", () => {
  it("counts every ballot once, and the shares sum to 1", () => {
    fc.assert(
      fc.property(fc.boolean().chain(ballots), (drawn) => {
        const { distribution, winner } = countVotes(drawn);
        expect(distribution.reduce((total, share) => total + share.votes, 0)).toBe(drawn.length);
        const indexes = distribution.flatMap((share) => share.sampleIndexes).sort((l, r) => l - r);
        expect(indexes).toEqual(drawn.map((ballot) => ballot.sampleIndex));
        if (drawn.length === 0) expect(winner).toBeUndefined();
        else expect(distribution.reduce((total, share) => total + share.share, 0)).toBeCloseTo(1);
      }),
    );
  });

  it("gives the win to the most votes in a majority vote (earliest sample on a tie)", () => {
    fc.assert(
      fc.property(ballots(false), (drawn) => {
        const { winner, tie, distribution } = countVotes(drawn);
        if (winner === undefined) return;
        for (const share of distribution) expect(winner.votes).toBeGreaterThanOrEqual(share.votes);
        const tied = distribution.filter((share) => share.votes === winner.votes);
        expect(tie).toBe(tied.length > 1);
        const earliest = Math.min(...tied.map((share) => share.sampleIndexes[0] ?? 0));
        expect(winner.sampleIndexes[0]).toBe(earliest);
      }),
    );
  });

  it("gives the win to the most weight in a weighted vote", () => {
    fc.assert(
      fc.property(ballots(true), (drawn) => {
        const { winner, distribution } = countVotes(drawn);
        for (const share of distribution)
          expect(winner?.weight).toBeGreaterThanOrEqual(share.weight);
      }),
    );
  });

  it("does not depend on the order the ballots arrive in", () => {
    fc.assert(
      fc.property(
        ballots(false).chain((drawn) =>
          fc.tuple(fc.constant(drawn), fc.shuffledSubarray(drawn, { minLength: drawn.length })),
        ),
        ([drawn, shuffled]) => {
          const ordered = countVotes(drawn);
          const arrived = countVotes(shuffled);
          expect(arrived.winner?.key).toBe(ordered.winner?.key);
          expect(arrived.distribution).toEqual(ordered.distribution);
        },
      ),
    );
  });

  it("keeps the winner when one more ballot is cast for it", () => {
    fc.assert(
      fc.property(ballots(false), (drawn) => {
        const { winner } = countVotes(drawn);
        if (winner === undefined) return;
        const more = [
          ...drawn,
          { answer: winner.answer, key: winner.key, weight: 1, sampleIndex: drawn.length },
        ];
        const after = countVotes(more);
        expect(after.winner?.key).toBe(winner.key);
        expect(after.tie).toBe(false);
      }),
    );
  });
});

describe("confidenceFromLogprobs", () => {
  it("is a probability, 1 for certain tokens, and undefined without logprobs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 0, noNaN: true }), { minLength: 1 }),
        (values) => {
          const confidence = confidenceFromLogprobs(values.map((logprob) => ({ logprob })));
          expect(confidence).toBeGreaterThanOrEqual(0);
          expect(confidence).toBeLessThanOrEqual(1);
        },
      ),
    );
    expect(confidenceFromLogprobs([{ logprob: 0 }])).toBe(1);
    expect(confidenceFromLogprobs([])).toBeUndefined();
    expect(confidenceFromLogprobs(undefined)).toBeUndefined();
  });
});
