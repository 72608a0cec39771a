import { QuireError } from "@quire/core";
import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import { translateDatabaseError } from "../registry/database-errors.js";
import {
  checkPageSize,
  decodeNumberCursor,
  decodeTextCursor,
  toPage,
} from "../registry/page-cursor.js";
import type { DatasetMethods } from "./dataset-store.js";
import { cellValues, toEvalCellRecord, toEvalRunRecord } from "./evaluation-rows.js";
import type { EvalCellStorage, EvaluationStore } from "./evaluation-store.js";
import type { EvaluationTables } from "./evaluation-tables.js";
import { createRunIdSource } from "./run-id.js";

type Database = Kysely<EvaluationTables>;
type RunMethods = Omit<EvaluationStore, keyof DatasetMethods>;

/** Every column of a run but its case snapshot (listings need only the count). */
const runColumnsWithoutCases = [
  "id",
  "project_id",
  "status",
  "plan",
  "total",
  "done",
  "passed",
  "failed",
  "errored",
  "summaries",
  "error",
  "created_by",
  "created_at",
  "started_at",
  "finished_at",
  "lease_owner",
  "lease_expires_at",
] as const;

/** Rows per INSERT of results (a result row uses 20 parameters). */
const cellsPerStatement = 500;

/** Ids sort by creation time, so newest first is `id DESC` (see run-id.ts). */
const newRunId = createRunIdSource();

const leaseEnd = (leaseMs: number) =>
  sql<Date>`now() + make_interval(secs => ${leaseMs / 1000}::double precision)`;

export function createEvalRunMethods(database: Database): RunMethods {
  const guarded = async <Result>(work: () => Promise<Result>): Promise<Result> => {
    try {
      return await work();
    } catch (error) {
      throw translateDatabaseError(error);
    }
  };
  const getRun: RunMethods["getRun"] = async (projectId, id) => {
    const row = await database
      .selectFrom("eval_runs")
      .selectAll()
      .where("project_id", "=", projectId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : toEvalRunRecord(row);
  };

  const cellStorage = (runId: string): EvalCellStorage => ({
    finishedCells: async () => {
      const rows = await database
        .selectFrom("eval_results")
        .selectAll()
        .where("run_id", "=", runId)
        .orderBy("position")
        .execute();
      return rows.map(toEvalCellRecord);
    },
    save: (results) =>
      guarded(() =>
        database.transaction().execute(async (transaction) => {
          const counts = { done: 0, passed: 0, failed: 0, errored: 0 };
          for (let start = 0; start < results.length; start += cellsPerStatement) {
            const chunk = results.slice(start, start + cellsPerStatement);
            const inserted = await transaction
              .insertInto("eval_results")
              .values(chunk.map((cell) => cellValues(runId, cell)))
              .onConflict((conflict) => conflict.columns(["run_id", "cell_key"]).doNothing())
              .returning("status")
              .execute();
            for (const row of inserted) {
              counts.done += 1;
              if (row.status === "passed") counts.passed += 1;
              else if (row.status === "failed") counts.failed += 1;
              else counts.errored += 1;
            }
          }
          if (counts.done === 0) return;
          await transaction
            .updateTable("eval_runs")
            .set((update) => ({
              done: sql`${update.ref("done")} + ${counts.done}`,
              passed: sql`${update.ref("passed")} + ${counts.passed}`,
              failed: sql`${update.ref("failed")} + ${counts.failed}`,
              errored: sql`${update.ref("errored")} + ${counts.errored}`,
            }))
            .where("id", "=", runId)
            .execute();
        }),
      ),
  });

  return {
    getRun,
    cellStorage,
    createRun: (run) =>
      guarded(async () => {
        const row = await database
          .insertInto("eval_runs")
          .values({
            id: newRunId(),
            project_id: run.projectId,
            status: "queued",
            plan: JSON.stringify(run.plan),
            cases: JSON.stringify(run.cases),
            total: run.total,
            created_by: run.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEvalRunRecord(row);
      }),
    listRuns: async (projectId, page) => {
      const limit = checkPageSize(page.limit);
      let query = database
        .selectFrom("eval_runs")
        .select(runColumnsWithoutCases)
        .select(sql<number>`jsonb_array_length(cases)`.as("case_count"))
        .where("project_id", "=", projectId);
      if (page.status !== undefined) query = query.where("status", "=", page.status);
      if (page.cursor !== undefined) query = query.where("id", "<", decodeTextCursor(page.cursor));
      const rows = await query
        .orderBy("id", "desc")
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toEvalRunRecord, (row) => row.id);
    },
    claimRun: (owner, leaseMs) =>
      guarded(async () => {
        const isClaimable = (where: ExpressionBuilder<EvaluationTables, "eval_runs">) =>
          where.or([
            where("status", "=", "queued"),
            where.and([
              where("status", "=", "running"),
              where("lease_expires_at", "<", sql<Date>`now()`),
            ]),
          ]);
        // Polled by every server's worker: a plain read first, so that an idle poll writes and
        // locks nothing (on PGlite an update, even of no row, holds the one thread for ms).
        const waiting = await database
          .selectFrom("eval_runs")
          .select("id")
          .where(isClaimable)
          .limit(1)
          .executeTakeFirst();
        if (waiting === undefined) return undefined;
        const claimable = database
          .selectFrom("eval_runs")
          .select("id")
          .where(isClaimable)
          .orderBy("created_at")
          .orderBy("id")
          .limit(1)
          .forUpdate()
          .skipLocked();
        const row = await database
          .updateTable("eval_runs")
          .set({
            status: "running",
            lease_owner: owner,
            lease_expires_at: leaseEnd(leaseMs),
            started_at: sql`coalesce(started_at, now())`,
          })
          .where("id", "=", (select) => select.selectFrom(claimable.as("claimable")).select("id"))
          .returningAll()
          .executeTakeFirst();
        return row === undefined ? undefined : toEvalRunRecord(row);
      }),
    renewLease: (id, owner, leaseMs) =>
      guarded(async () => {
        const updated = await database
          .updateTable("eval_runs")
          .set({ lease_expires_at: leaseEnd(leaseMs) })
          .where("id", "=", id)
          .where("lease_owner", "=", owner)
          .where("status", "=", "running")
          .executeTakeFirst();
        return updated.numUpdatedRows > 0n;
      }),
    finishRun: (id, owner, outcome) =>
      guarded(async () => {
        const updated = await database
          .updateTable("eval_runs")
          .set({
            status: outcome.status,
            summaries: outcome.summaries === undefined ? null : JSON.stringify(outcome.summaries),
            error: outcome.error === undefined ? null : JSON.stringify(outcome.error),
            finished_at: sql`now()`,
            lease_owner: null,
            lease_expires_at: null,
          })
          .where("id", "=", id)
          .where("lease_owner", "=", owner)
          .where("status", "=", "running")
          .executeTakeFirst();
        return updated.numUpdatedRows > 0n;
      }),
    releaseRun: (id, owner) =>
      guarded(async () => {
        const updated = await database
          .updateTable("eval_runs")
          .set({ status: "queued", lease_owner: null, lease_expires_at: null })
          .where("id", "=", id)
          .where("lease_owner", "=", owner)
          .where("status", "=", "running")
          .executeTakeFirst();
        return updated.numUpdatedRows > 0n;
      }),
    cancelRun: (projectId, id) =>
      guarded(async () => {
        await database
          .updateTable("eval_runs")
          .set({
            status: "cancelled",
            finished_at: sql`now()`,
            lease_owner: null,
            lease_expires_at: null,
          })
          .where("project_id", "=", projectId)
          .where("id", "=", id)
          .where("status", "in", ["queued", "running"])
          .execute();
        const run = await getRun(projectId, id);
        if (run === undefined) throw runNotFound(id);
        return run;
      }),
    listResults: async (runId, page) => {
      const limit = checkPageSize(page.limit);
      let query = database.selectFrom("eval_results").selectAll().where("run_id", "=", runId);
      if (page.cursor !== undefined) {
        query = query.where("position", ">", decodeNumberCursor(page.cursor));
      }
      const rows = await query
        .orderBy("position")
        .limit(limit + 1)
        .execute();
      return toPage(rows, limit, toEvalCellRecord, (row) => Number(row.position));
    },
  };
}

export function runNotFound(id: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `No eval run with id "${id}": list runs with GET /v1/eval-runs.`,
    { details: { runId: id } },
  );
}
