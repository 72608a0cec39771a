export interface AuditContext {
  params: Record<string, string>;
  /** The parsed response body of the successful write. */
  response: unknown;
}

export interface AuditDescription {
  target: string;
  before: unknown;
  after: unknown;
}

/** A write the audit hook records right after it succeeds, from its answer. */
export interface AuditedWrite {
  action: string;
  describe(context: AuditContext): AuditDescription;
}

/**
 * How each write route reaches the audit log: `AuditedWrite` (by the audit hook, right after the
 * write, from its answer), `"in-store"` (the store writes the entry in the write's own
 * transaction), or `{ notAudited }` with the reason. Every non-GET /v1 route must have an entry
 * (the table-driven test checks).
 */
export type AuditRule = AuditedWrite | "in-store" | { notAudited: string };
