import { randomUUID } from "node:crypto";
import { maximumExecutionContentBytes } from "@quire/core";
import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { translateDatabaseError } from "../registry/database-errors.js";
import { capExecutionContent } from "./cap-execution-content.js";
import type { InsertedExecution, NewExecutionRecord } from "./execution-store.js";
import type { ExecutionTables } from "./execution-tables.js";

interface PreparedBatch {
  /** The JSON array sent to the database: the records to store, each with its new id. */
  json: string;
  outcomes: InsertedExecution[];
  /** clientId → index of its first record in the batch (the one that may be stored). */
  firstIndexByClientId: Map<string, number>;
  /** Indexes of later records repeating an earlier clientId of the batch. */
  repeatedIndexes: number[];
}

/**
 * A record as a JSON object, with the fields it lacks appended: `id` when the caller gave none,
 * `createdAt` (the time of the call) when it has none. Appending to the record's own JSON avoids
 * copying each record, the largest cost of a batch here; PostgreSQL's `json` functions take the
 * last of repeated keys, so an appended `createdAt` wins over a `null` one.
 */
function recordJson(record: NewExecutionRecord, id: string, now: string): string {
  const text = contentJson(record);
  let added = record.id === undefined ? `"id":"${id}"` : "";
  if (record.createdAt === undefined || record.createdAt === null) {
    added += `${added === "" ? "" : ","}"createdAt":"${now}"`;
  }
  if (added === "") return text;
  return text.length <= 2 ? `{${added}}` : `${text.slice(0, -1)},${added}}`;
}

/**
 * The record's JSON, with its variables and output capped (see `capExecutionContent`). A record
 * whose whole JSON is short enough cannot hold content over the cap: it is not looked into.
 */
function contentJson(record: NewExecutionRecord): string {
  const text = JSON.stringify(record);
  if (text.length * 3 <= maximumExecutionContentBytes) return text;
  if ((record.variables ?? null) === null && (record.output ?? null) === null) return text;
  const capped = capExecutionContent(record.variables, record.output);
  if (!capped.truncated) return text;
  return JSON.stringify({
    ...record,
    variables: capped.variables,
    output: capped.output,
    contentTruncated: true,
  });
}

/**
 * Gives every record an id and its time, and marks records repeating a clientId earlier in
 * the batch (inserting both would store two executions for one client id).
 */
function prepare(records: readonly NewExecutionRecord[]): PreparedBatch {
  const now = new Date().toISOString();
  const outcomes: InsertedExecution[] = [];
  const firstIndexByClientId = new Map<string, number>();
  const repeatedIndexes: number[] = [];
  const rows: string[] = [];
  for (const [index, record] of records.entries()) {
    const id = record.id ?? randomUUID();
    const clientId = record.clientId ?? null;
    if (clientId !== null) {
      if (firstIndexByClientId.has(clientId)) {
        repeatedIndexes.push(index);
        outcomes.push({ id: "", duplicate: true });
        continue;
      }
      firstIndexByClientId.set(clientId, index);
    }
    outcomes.push({ id, duplicate: false });
    rows.push(recordJson(record, id, now));
  }
  return { json: `[${rows.join(",")}]`, outcomes, firstIndexByClientId, repeatedIndexes };
}

interface InsertResultRow {
  claimed: number;
  existing: Array<[string, string]>;
}

/**
 * One statement does the whole batch: unpack the JSON array into rows, claim the client ids
 * (ON CONFLICT DO NOTHING), store the executions without a client id or whose claim this
 * statement won, and return the claims that already existed (all CTEs read the snapshot taken
 * before the statement, so `existing` holds exactly the earlier claims). `existing` probes the
 * claims' primary key once per record (LATERAL … LIMIT 1): left to itself, the planner scans
 * every claim of the project, which grows with the table. Claims are taken in
 * client-id order, so two batches sharing client ids in different orders wait for each other
 * instead of deadlocking. Times are cut to milliseconds, the precision of the list cursor. A record whose given (id, createdAt) is already stored is skipped (a
 * retried insert of the log writer's records stores nothing twice).
 */
function insertStatement(json: string, project: string) {
  return sql<InsertResultRow>`
    WITH input AS (
      SELECT * FROM json_to_recordset(${json}::json) AS record(
        "id" text, "clientId" text, "promptName" text, "version" integer, "label" text,
        "componentVersions" jsonb, "model" text, "provider" text, "inputTokens" integer,
        "outputTokens" integer, "cachedTokens" integer, "latencyMs" double precision,
        "timeToFirstTokenMs" double precision, "cost" numeric, "costEstimated" boolean,
        "success" boolean, "errorClass" text, "cacheHit" boolean, "contextSignature" text,
        "endUserId" text, "sessionId" text, "metadata" jsonb, "variables" jsonb, "output" text,
        "contentTruncated" boolean, "createdAt" timestamptz)
    ),
    existing AS (
      SELECT input."clientId" AS client_id, claim.execution_id
      FROM input CROSS JOIN LATERAL (
        SELECT execution_id FROM execution_client_ids
        WHERE project_id = ${project} AND client_id = input."clientId"
        LIMIT 1
      ) AS claim
    ),
    claimed AS (
      INSERT INTO execution_client_ids (project_id, client_id, execution_id, created_at)
      SELECT ${project}, "clientId", "id", date_trunc('milliseconds', "createdAt")
      FROM input WHERE "clientId" IS NOT NULL
      ORDER BY "clientId" COLLATE "C"
      ON CONFLICT DO NOTHING
      RETURNING execution_id
    ),
    stored AS (
      INSERT INTO executions (
        id, project_id, client_id, prompt_name, prompt_version, label, component_versions,
        model, provider, input_tokens, output_tokens, cached_tokens, latency_ms,
        time_to_first_token_ms, cost, cost_estimated, success, error_class, cache_hit,
        context_signature, end_user_id, session_id, metadata, variables, output,
        content_truncated, created_at)
      SELECT
        "id", ${project}, "clientId", "promptName", "version", "label",
        coalesce("componentVersions", '[]'), "model", "provider", "inputTokens",
        "outputTokens", "cachedTokens", "latencyMs", "timeToFirstTokenMs", "cost",
        coalesce("costEstimated", false), "success", "errorClass", coalesce("cacheHit", false),
        "contextSignature", "endUserId", "sessionId", coalesce("metadata", '{}'), "variables",
        "output", coalesce("contentTruncated", false), date_trunc('milliseconds', "createdAt")
      FROM input
      WHERE "clientId" IS NULL OR "id" IN (SELECT execution_id FROM claimed)
      ON CONFLICT DO NOTHING
    )
    SELECT
      (SELECT count(*) FROM claimed)::integer AS claimed,
      (SELECT coalesce(json_agg(json_build_array(client_id, execution_id)), '[]'::json)
        FROM existing) AS existing`;
}

/** Stores a batch; see `ExecutionStore.insertExecutions`. */
export async function insertExecutions(
  database: Kysely<StoreSchema>,
  records: readonly NewExecutionRecord[],
  project: string,
): Promise<InsertedExecution[]> {
  if (records.length === 0) return [];
  const batch = prepare(records);
  let result: InsertResultRow;
  try {
    const { rows } = await insertStatement(batch.json, project).execute(database);
    result = rows[0] ?? { claimed: 0, existing: [] };
  } catch (error) {
    throw translateDatabaseError(error);
  }
  const storedIdByClientId = new Map(result.existing);
  for (const [clientId, index] of batch.firstIndexByClientId) {
    const storedId = storedIdByClientId.get(clientId);
    if (storedId !== undefined) batch.outcomes[index] = { id: storedId, duplicate: true };
  }
  const unresolved = batch.firstIndexByClientId.size - storedIdByClientId.size - result.claimed;
  if (unresolved > 0) await resolveConcurrentClaims(database, project, batch, storedIdByClientId);
  for (const index of batch.repeatedIndexes) {
    const clientId = records[index]?.clientId ?? "";
    const first = batch.outcomes[batch.firstIndexByClientId.get(clientId) ?? -1];
    batch.outcomes[index] = { id: first?.id ?? "", duplicate: true };
  }
  return batch.outcomes;
}

/**
 * A claim can lose to another statement that committed after this one's snapshot: it is then in
 * neither `existing` nor `claimed`. Such records are duplicates; read their stored ids.
 */
async function resolveConcurrentClaims(
  database: Kysely<StoreSchema>,
  project: string,
  batch: PreparedBatch,
  knownDuplicates: Map<string, string>,
): Promise<void> {
  const candidates = [...batch.firstIndexByClientId.keys()].filter(
    (clientId) => !knownDuplicates.has(clientId),
  );
  const rows = await database
    .withTables<ExecutionTables>()
    .selectFrom("execution_client_ids")
    .select(["client_id", "execution_id"])
    .where("project_id", "=", project)
    .where("client_id", "in", candidates)
    .execute()
    .catch((error: unknown) => {
      throw translateDatabaseError(error);
    });
  for (const row of rows) {
    const index = batch.firstIndexByClientId.get(row.client_id);
    const outcome = index === undefined ? undefined : batch.outcomes[index];
    if (index !== undefined && outcome !== undefined && outcome.id !== row.execution_id) {
      batch.outcomes[index] = { id: row.execution_id, duplicate: true };
    }
  }
}
