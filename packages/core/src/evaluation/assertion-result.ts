/** What one assertion found about one output: a person can read `reason` and act on it. */
export interface AssertionResult {
  /** As written, `not-` prefix included. */
  type: string;
  pass: boolean;
  /** 0–1; binary checks give 0 or 1. */
  score: number;
  /** Why it passed or failed, e.g. `output does not contain "refund"`. */
  reason: string;
  weight: number;
  metric?: string;
  /**
   * True when the check itself could not run (judge returned garbage, javascript threw or timed
   * out, no embedding model configured): it counts as failed, and the reason says what broke.
   */
  errored?: boolean;
  /** The children of an assert-set. */
  children?: AssertionResult[];
}

/** A case's verdict: the weighted mean of its assertions' scores, and pass when all pass. */
export interface CaseScore {
  pass: boolean;
  score: number;
  results: AssertionResult[];
}
