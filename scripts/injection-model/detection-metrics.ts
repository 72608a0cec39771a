/** Precision, recall, F1 and false-positive rate of flagged-or-not predictions. */
export interface DetectionMetrics {
  count: number;
  positives: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** null where undefined (nothing flagged, or no positives in the set). */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  falsePositiveRate: number | null;
  accuracy: number;
}

export function detectionMetrics(
  labels: readonly (0 | 1)[],
  flagged: readonly boolean[],
): DetectionMetrics {
  let truePositives = 0;
  let falsePositives = 0;
  let trueNegatives = 0;
  let falseNegatives = 0;
  labels.forEach((label, index) => {
    const predicted = flagged[index] === true;
    if (label === 1 && predicted) truePositives += 1;
    else if (label === 1) falseNegatives += 1;
    else if (predicted) falsePositives += 1;
    else trueNegatives += 1;
  });
  const positives = truePositives + falseNegatives;
  const negatives = trueNegatives + falsePositives;
  const precision =
    truePositives + falsePositives > 0 ? truePositives / (truePositives + falsePositives) : null;
  const recall = positives > 0 ? truePositives / positives : null;
  const f1 =
    precision !== null && recall !== null && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : positives > 0
        ? 0
        : null;
  return {
    count: labels.length,
    positives,
    truePositives,
    falsePositives,
    trueNegatives,
    falseNegatives,
    precision,
    recall,
    f1,
    falsePositiveRate: negatives > 0 ? falsePositives / negatives : null,
    accuracy: labels.length > 0 ? (truePositives + trueNegatives) / labels.length : 0,
  };
}
