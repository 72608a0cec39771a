import {
  type ComponentReference,
  findComponentReferences,
  formatComponentReference,
  type PromptContent,
  QuireError,
} from "@quire/core";
import { type Kysely, sql, type Transaction } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { ComponentInclusion, ListIncludersQuery, Page } from "../prompt-store.js";
import { checkPageSize, decodeTextCursor, toPage } from "./page-cursor.js";
import { requirePromptId } from "./prompt-reads.js";

/** Migration 0002: one row per distinct component reference of a version. */
interface VersionComponentsTable {
  prompt_id: number;
  version: number;
  reference: string;
  component: string;
  requested: ComponentReference["requested"];
  label: string | null;
  component_version: number | null;
}

/**
 * Records the components a new version's template includes, in the version's own transaction.
 * The references are read from the content here, so no writer can store a version without them.
 */
export async function recordComponentUses(
  transaction: Transaction<StoreSchema>,
  promptId: number,
  version: number,
  content: PromptContent,
): Promise<void> {
  const rows = new Map<string, VersionComponentsTable>();
  for (const { reference } of findComponentReferences(content)) {
    const key = formatComponentReference(reference);
    rows.set(key, {
      prompt_id: promptId,
      version,
      reference: key,
      component: reference.name,
      requested: reference.requested,
      label: reference.requested === "label" ? reference.label : null,
      component_version: reference.requested === "version" ? reference.version : null,
    });
  }
  if (rows.size === 0) return;
  await transaction
    .withTables<{ version_components: VersionComponentsTable }>()
    .insertInto("version_components")
    .values([...rows.values()])
    .execute();
}

interface IncluderCursor {
  prompt: string;
  version: number;
  reference: string;
}

function encodeIncluderCursor(row: IncluderCursor): string {
  return JSON.stringify([row.prompt, row.version, row.reference]);
}

function decodeIncluderCursor(cursor: string): IncluderCursor {
  const text = decodeTextCursor(cursor);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    typeof parsed[0] !== "string" ||
    !Number.isSafeInteger(parsed[1]) ||
    typeof parsed[2] !== "string"
  ) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid cursor ${JSON.stringify(cursor)}: pass the nextCursor of the previous page unchanged, or no cursor for the first page.`,
      { details: { field: "cursor", cursor } },
    );
  }
  return { prompt: parsed[0], version: parsed[1], reference: parsed[2] };
}

/**
 * The versions that include `component`, by includer name, newest version first. With
 * `versions: "current"` (the default) only versions that matter now: each includer's latest
 * version and versions a label points at. NOT_FOUND when the component prompt does not exist.
 */
export async function listIncluders(
  database: Kysely<StoreSchema>,
  component: string,
  query: ListIncludersQuery,
): Promise<Page<ComponentInclusion>> {
  const limit = checkPageSize(query.limit);
  await requirePromptId(database, component);
  const typed = database.withTables<{ version_components: VersionComponentsTable }>();
  let statement = typed
    .selectFrom("version_components as uses")
    .innerJoin("prompts", "prompts.id", "uses.prompt_id")
    .select([
      "prompts.name as prompt",
      "uses.version",
      "uses.reference",
      "uses.requested",
      "uses.label",
      "uses.component_version",
      "prompts.latest_version",
      sql<string[]>`(
        SELECT coalesce(array_agg(l.name ORDER BY l.name), '{}'::text[])
        FROM labels l WHERE l.prompt_id = uses.prompt_id AND l.version = uses.version
      )`.as("labels"),
    ])
    .where("uses.component", "=", component);
  if ((query.versions ?? "current") === "current") {
    statement = statement.where(
      sql<boolean>`(uses.version = prompts.latest_version OR EXISTS (
        SELECT 1 FROM labels l WHERE l.prompt_id = uses.prompt_id AND l.version = uses.version))`,
    );
  }
  if (query.cursor !== undefined) {
    const after = decodeIncluderCursor(query.cursor);
    statement = statement.where(
      sql<boolean>`(prompts.name > ${after.prompt}
        OR (prompts.name = ${after.prompt} AND uses.version < ${after.version})
        OR (prompts.name = ${after.prompt} AND uses.version = ${after.version}
            AND uses.reference > ${after.reference}))`,
    );
  }
  const rows = await statement
    .orderBy("prompts.name")
    .orderBy("uses.version", "desc")
    .orderBy("uses.reference")
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (row): ComponentInclusion => ({
      prompt: row.prompt,
      version: row.version,
      reference: row.reference,
      requested: row.requested,
      label: row.label,
      componentVersion: row.component_version,
      labels: row.labels,
      latest: row.version === row.latest_version,
    }),
    encodeIncluderCursor,
  );
}
