/** An evaluator's judgement of a path, on one scale: 0 (impossible) to 10 (sure). */
export interface ThoughtEvaluation {
  score: number;
  /** The text the score was read from (`Score: 7`, `7/10`, `likely`). */
  matched: string;
}

const verdictScores: Record<string, number> = {
  sure: 10,
  certain: 10,
  likely: 5,
  unlikely: 2,
  impossible: 0,
};

/** "not likely" is unlikely; "not impossible" is likely; "not sure" says nothing. */
const negatedVerdictScores: Record<string, number | undefined> = {
  likely: 2,
  unlikely: 5,
  impossible: 5,
};

type Reading = { pattern: RegExp; score: (match: RegExpExecArray) => number | undefined };

/** `Score: 7` (what the default prompt asks for) outranks every other form. */
const labelled: Reading = {
  pattern: /\b(?:score|rating)\b[*_\s]*[:=]?[*_\s]*(\d+(?:\.\d+)?)(?:\s*(?:\/|out of)\s*10\b)?/gi,
  score: (match) => Number(match[1]),
};

const unlabelled: Reading[] = [
  { pattern: /\b(\d+(?:\.\d+)?)\s*(?:\/|out of)\s*10\b/gi, score: (match) => Number(match[1]) },
  {
    pattern: /\b(not\s+|n't\s+)?(sure|certain|likely|unlikely|impossible)\b/gi,
    score: (match) => {
      const verdict = (match[2] ?? "").toLowerCase();
      return match[1] === undefined ? verdictScores[verdict] : negatedVerdictScores[verdict];
    },
  },
  { pattern: /^\s*(\d+(?:\.\d+)?)\s*\.?\s*$/gm, score: (match) => Number(match[1]) },
];

/**
 * Reads the evaluator's score: `Score: 7` first; else `7/10`, `7 out of 10`, a line holding only a
 * number, or the words sure / likely / unlikely / impossible (10 / 5 / 2 / 0; "not likely" is 2, "not
 * sure" says nothing). Models reason
 * before they conclude, so the last judgement of a kind wins. Undefined when none is found or the
 * number is outside 0–10.
 */
export function parseThoughtEvaluation(text: string): ThoughtEvaluation | undefined {
  return lastReading(text, [labelled]) ?? lastReading(text, unlabelled);
}

function lastReading(text: string, readings: Reading[]): ThoughtEvaluation | undefined {
  let best: { index: number; score: number; matched: string } | undefined;
  for (const { pattern, score } of readings) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      const value = score(match as RegExpExecArray);
      if (value === undefined) continue; // "not sure" neither scores nor hides an earlier score
      if (best === undefined || end > best.index) {
        best = { index: end, score: value, matched: match[0].trim() };
      }
    }
  }
  if (best === undefined || !Number.isFinite(best.score)) return undefined;
  if (best.score < 0 || best.score > 10) return undefined;
  return { score: best.score, matched: best.matched };
}
