import { z } from "zod";
import { type AssertionSpec, assertionSpecSchema } from "./assertion-spec.js";

/** One test case of a dataset: variables to render with, what is expected, its own assertions. */
export interface TestCase {
  /** Stable within its dataset; what comparisons pair on. */
  id: string;
  variables: Record<string, unknown>;
  /** Expected output, text or JSON. */
  expected?: unknown;
  metadata?: Record<string, unknown>;
  assertions?: AssertionSpec[];
}

export const testCaseSchema = z
  .object({
    id: z.string().min(1).max(200),
    variables: z.record(z.string(), z.unknown()),
    expected: z.unknown().optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    assertions: z.array(assertionSpecSchema).optional(),
  })
  .strict();
