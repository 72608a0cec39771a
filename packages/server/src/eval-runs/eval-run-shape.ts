import type { EvalRun, EvalRunPlan } from "@quire/core";
import type { EvalRunRecord } from "@quire/store";

/** A stored run as the API answers it (the lease stays inside the server). */
export function evalRunShape(record: EvalRunRecord): EvalRun {
  return {
    id: record.id,
    status: record.status,
    plan: record.plan as EvalRunPlan,
    caseCount: record.caseCount,
    progress: record.progress,
    summaries: (record.summaries as EvalRun["summaries"]) ?? null,
    error: record.error,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
  };
}

export function isFinished(status: EvalRun["status"]): boolean {
  return status === "completed" || status === "cancelled" || status === "failed";
}
