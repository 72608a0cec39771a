import type { EvalRunStatus } from "@quire/core";

export function RunStatusBadge({ status }: { status: EvalRunStatus }) {
  return <span className={`run-state run-state-${status}`}>{status}</span>;
}
