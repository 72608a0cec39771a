import { z } from "zod";

/**
 * One assertion as a config file or the API states it, close to promptfoo's `assert` entries so a
 * promptfoo user can move over: `{type: "icontains", value: "refund"}`,
 * `{type: "not-regex", value: "\\bsorry\\b"}`, `{type: "llm-rubric", value: "is polite", threshold: 0.7}`.
 *
 * - `type` names the check; a `not-` prefix negates any type (pass ⇔ the check fails; score 1 − s).
 * - `weight` (default 1) weighs it in the case's score (the weighted mean of its assertions'
 *   scores); weight 0 reports it without counting it.
 * - `threshold`: for scored checks (similar, levenshtein, rouge-n, bleu, llm-rubric…) the score
 *   at or above which it passes; for `assert-set` the share of its children that must pass.
 * - `assert`: the children of an `assert-set` (a group scored as one assertion).
 * - `options`: type-specific settings (e.g. `{schema}` for is-json, `{n}` for rouge-n).
 * - `provider`: the judge or embedding model for this assertion (`provider/model`), overriding
 *   the run's default.
 * - `metric`: a name to report this assertion's score under.
 */
export interface AssertionSpec {
  type: string;
  value?: unknown;
  threshold?: number;
  weight?: number;
  options?: Record<string, unknown>;
  provider?: string;
  metric?: string;
  assert?: AssertionSpec[];
}

export const assertionSpecSchema: z.ZodType<AssertionSpec> = z.lazy(() =>
  z
    .object({
      type: z.string().min(1),
      value: z.unknown().optional(),
      threshold: z.number().finite().optional(),
      weight: z.number().finite().min(0).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
      provider: z.string().min(1).optional(),
      metric: z.string().min(1).optional(),
      assert: z.array(assertionSpecSchema).optional(),
    })
    .strict(),
);
