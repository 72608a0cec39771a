import { sha256Hex } from "../hashing/sha256.js";
import { canonicalJson } from "../prompts/canonical-json.js";

export interface ContextSignatureInput {
  /**
   * The variables a render used (only their top-level *names* count, never their values), or
   * the names themselves. Order and repeats do not matter.
   */
  variables: Readonly<Record<string, unknown>> | readonly string[];
  /**
   * Context fields the caller chose to group by, with their values (`{locale: "fr", tier:
   * "pro"}`): unlike variables, these values count. Key order does not matter.
   */
  context?: Readonly<Record<string, unknown>>;
}

/** Hex digits kept from the SHA-256: 64 bits, ample for grouping executions. */
export const contextSignatureLength = 16;

/**
 * The context signature stored with an execution: executions with the same signature were
 * rendered from the same set of variable names and the same chosen context values, so analytics
 * can group them without storing the values (which may be personal data).
 *
 * Defined so that any language can compute it: the first 16 hex digits of the SHA-256 of the
 * UTF-8 canonical JSON (keys sorted at every depth, no spaces) of
 * `{"context": {...}, "variables": [sorted unique names]}`.
 * E.g. variables `{question, customer}` with no context → canonical JSON
 * `{"context":{},"variables":["customer","question"]}`.
 */
export function contextSignature(input: ContextSignatureInput): string {
  const names = Array.isArray(input.variables)
    ? (input.variables as readonly string[])
    : Object.keys(input.variables);
  const variables = [...new Set(names)].sort();
  const text = canonicalJson({ context: input.context ?? {}, variables });
  return sha256Hex(text).slice(0, contextSignatureLength);
}
