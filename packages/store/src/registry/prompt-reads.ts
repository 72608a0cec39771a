import type { LabelMove, ListPromptsQuery, Prompt, Version } from "@quire/core";
import { QuireError } from "@quire/core";
import { type Kysely, sql } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import type { Page } from "../prompt-store.js";
import { checkPageSize, decodeNumberCursor, decodeTextCursor, toPage } from "./page-cursor.js";
import {
  type PromptRow,
  toLabelMove,
  toPrompt,
  toVersion,
  type VersionRow,
} from "./row-mapping.js";

type Database = Kysely<StoreSchema>;

/** Prompts with their labels map, in one query. */
function selectPrompts(database: Database) {
  return database.selectFrom("prompts").select([
    "prompts.id",
    "prompts.name",
    "prompts.description",
    "prompts.tags",
    "prompts.type",
    "prompts.engine",
    "prompts.latest_version",
    "prompts.created_at",
    "prompts.updated_at",
    sql<Record<string, number>>`(
        SELECT coalesce(jsonb_object_agg(l.name, l.version), '{}'::jsonb)
        FROM labels l WHERE l.prompt_id = prompts.id
      )`.as("labels"),
  ]);
}

/** Versions with their prompt's name and the labels pointing at them, in one query. */
function selectVersions(database: Database) {
  return database
    .selectFrom("versions")
    .innerJoin("prompts", "prompts.id", "versions.prompt_id")
    .select([
      "prompts.name as prompt",
      "versions.number",
      "versions.parent_number",
      "versions.type",
      "versions.engine",
      "versions.template",
      "versions.input_schema",
      "versions.output_schema",
      "versions.config",
      "versions.metadata",
      "versions.content_hash",
      "versions.message",
      "versions.author",
      "versions.created_at",
      sql<string[]>`(
        SELECT coalesce(array_agg(l.name ORDER BY l.name), '{}'::text[])
        FROM labels l WHERE l.prompt_id = versions.prompt_id AND l.version = versions.number
      )`.as("labels"),
    ]);
}

export async function findPromptRow(
  database: Database,
  name: string,
): Promise<PromptRow | undefined> {
  return selectPrompts(database).where("prompts.name", "=", name).executeTakeFirst();
}

export async function findPromptById(database: Database, id: number): Promise<Prompt> {
  return toPrompt(
    await selectPrompts(database).where("prompts.id", "=", id).executeTakeFirstOrThrow(),
  );
}

export async function findVersion(
  database: Database,
  name: string,
  number: number,
): Promise<Version | undefined> {
  if (!Number.isSafeInteger(number) || number < 1) return undefined;
  const row: VersionRow | undefined = await selectVersions(database)
    .where("prompts.name", "=", name)
    .where("versions.number", "=", number)
    .executeTakeFirst();
  return row === undefined ? undefined : toVersion(row);
}

export async function findVersionById(
  database: Database,
  promptId: number,
  number: number,
): Promise<Version> {
  const row: VersionRow = await selectVersions(database)
    .where("versions.prompt_id", "=", promptId)
    .where("versions.number", "=", number)
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

/** `%`, `_` and `\` are wildcards or the escape in LIKE; user text must match itself. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * The prompt's latest version has `pattern` (ILIKE) in its template's text: the text itself, or
 * the content of any chat message (not the JSON around it, so "role" matches no chat prompt).
 */
function latestTemplateMatches(pattern: string) {
  return sql<boolean>`EXISTS (
    SELECT 1 FROM versions latest
    WHERE latest.prompt_id = prompts.id AND latest.number = prompts.latest_version
      AND CASE jsonb_typeof(latest.template)
        WHEN 'string' THEN (latest.template #>> '{}') ILIKE ${pattern}
        WHEN 'array' THEN EXISTS (
          SELECT 1 FROM jsonb_array_elements(latest.template) AS chat_message(body)
          WHERE chat_message.body ->> 'content' ILIKE ${pattern}
        )
        ELSE false
      END
  )`;
}

export async function listPrompts(
  database: Database,
  query: ListPromptsQuery,
): Promise<Page<Prompt>> {
  const limit = checkPageSize(query.limit);
  let statement = selectPrompts(database);
  if (query.prefix !== undefined && query.prefix !== "") {
    statement = statement.where("prompts.name", "like", `${escapeLike(query.prefix)}%`);
  }
  if (query.tag !== undefined && query.tag !== "") {
    statement = statement.where(sql<boolean>`prompts.tags @> ARRAY[${query.tag}]::text[]`);
  }
  const search = query.search?.trim();
  if (search !== undefined && search !== "") {
    const pattern = `%${escapeLike(search)}%`;
    statement = statement.where(
      sql<boolean>`(prompts.name ILIKE ${pattern} OR prompts.description ILIKE ${pattern}
        OR EXISTS (SELECT 1 FROM unnest(prompts.tags) AS tag WHERE tag ILIKE ${pattern})
        OR ${latestTemplateMatches(pattern)})`,
    );
  }
  if (query.cursor !== undefined) {
    statement = statement.where("prompts.name", ">", decodeTextCursor(query.cursor));
  }
  const rows = await statement
    .orderBy("prompts.name")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toPrompt, (row) => row.name);
}

export async function requirePromptId(database: Database, name: string): Promise<number> {
  const row = await database
    .selectFrom("prompts")
    .select("id")
    .where("name", "=", name)
    .executeTakeFirst();
  if (row === undefined) throw promptNotFound(name);
  return row.id;
}

export async function listVersions(
  database: Database,
  name: string,
  page: { limit: number; cursor?: string },
): Promise<Page<Version>> {
  const limit = checkPageSize(page.limit);
  const promptId = await requirePromptId(database, name);
  let statement = selectVersions(database).where("versions.prompt_id", "=", promptId);
  if (page.cursor !== undefined) {
    statement = statement.where("versions.number", "<", decodeNumberCursor(page.cursor));
  }
  const rows = await statement
    .orderBy("versions.number", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, toVersion, (row) => row.number);
}

export async function labelHistory(
  database: Database,
  name: string,
  page: { limit: number; cursor?: string },
): Promise<Page<LabelMove>> {
  const limit = checkPageSize(page.limit);
  const promptId = await requirePromptId(database, name);
  let statement = database
    .selectFrom("label_moves")
    .select(["id", "label", "from_version", "to_version", "actor", "reason", "moved_at"])
    .where("prompt_id", "=", promptId);
  if (page.cursor !== undefined) {
    statement = statement.where("id", "<", decodeNumberCursor(page.cursor));
  }
  const rows = await statement
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(
    rows,
    limit,
    (row) => toLabelMove(name, row),
    (row) => String(row.id),
  );
}

export function promptNotFound(name: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `Prompt ${JSON.stringify(name)} does not exist. Check the name (list prompts to see them), or create it first.`,
    { details: { prompt: name } },
  );
}
