import { QuireError, type Version } from "@quire/core";
import { type Kysely, sql, type Transaction } from "kysely";
import type { ChangeFeed } from "../changes/change-feed.js";
import type { StoreSchema } from "../database/database-schema.js";
import type { NewPrompt, NewVersion, VersionProvenance } from "../prompt-store.js";
import { recordComponentUses } from "./component-uses.js";
import {
  checkActor,
  checkContent,
  checkLabels,
  checkPromptName,
  checkTags,
} from "./input-checks.js";
import { applyLabel } from "./label-writes.js";
import { findPromptById, findVersionById, promptNotFound } from "./prompt-reads.js";
import { runWrite } from "./write-transaction.js";

type Database = Kysely<StoreSchema>;

export async function createPrompt(database: Database, changeFeed: ChangeFeed, input: NewPrompt) {
  checkPromptName(input.name);
  checkContent(input.content, input.contentHash);
  checkTags(input.tags);
  checkActor(input.provenance.author, "author");
  const labels = checkLabels(input.labels);

  return runWrite(database, changeFeed, async (transaction, events) => {
    const inserted = await transaction
      .insertInto("prompts")
      .values({
        name: input.name,
        description: input.description,
        tags: input.tags,
        type: input.content.type,
        engine: input.content.engine,
        latest_version: 1,
        created_at: sql<Date>`clock_timestamp()`,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .onConflict((conflict) => conflict.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted === undefined) {
      throw new QuireError(
        "CONFLICT",
        `Prompt ${JSON.stringify(input.name)} already exists. Create a new version of it instead (POST /v1/prompts/{name}/versions, or quire push).`,
        { details: { prompt: input.name } },
      );
    }
    await insertVersion(transaction, inserted.id, 1, null, input);
    for (const label of labels) {
      await applyLabel(transaction, {
        promptId: inserted.id,
        promptName: input.name,
        label,
        version: 1,
        actor: input.provenance.author,
        reason: input.provenance.message,
        recordUnchanged: false,
      });
    }
    events.push({ prompt: input.name, kind: "prompt-created", version: 1 });
    return {
      prompt: await findPromptById(transaction, inserted.id),
      version: await findVersionById(transaction, inserted.id, 1),
    };
  });
}

/**
 * The next version of a prompt. The prompt row is locked (SELECT ... FOR UPDATE) for the whole
 * transaction, so concurrent calls take numbers one after another and none is lost.
 */
export async function createVersion(database: Database, changeFeed: ChangeFeed, input: NewVersion) {
  checkContent(input.content, input.contentHash);
  checkTags(input.tags);
  checkActor(input.provenance.author, "author");
  const labels = checkLabels(input.labels);

  return runWrite(database, changeFeed, async (transaction, events) => {
    const prompt = await transaction
      .selectFrom("prompts")
      .select(["id", "latest_version", "description", "tags"])
      .where("name", "=", input.name)
      .forUpdate()
      .executeTakeFirst();
    if (prompt === undefined) throw promptNotFound(input.name);
    const latest = await transaction
      .selectFrom("versions")
      .select("content_hash")
      .where("prompt_id", "=", prompt.id)
      .where("number", "=", prompt.latest_version)
      .executeTakeFirstOrThrow();

    const descriptionChanged =
      input.description !== undefined && input.description !== prompt.description;
    const tagsChanged = input.tags !== undefined && !sameList(input.tags, prompt.tags);
    const promptFields = {
      ...(descriptionChanged ? { description: input.description } : {}),
      ...(tagsChanged ? { tags: input.tags } : {}),
    };
    const created = latest.content_hash !== input.contentHash;
    const number = created ? prompt.latest_version + 1 : prompt.latest_version;

    if (created) {
      await transaction
        .updateTable("prompts")
        .set({
          ...promptFields,
          latest_version: number,
          type: input.content.type,
          engine: input.content.engine,
          updated_at: sql<Date>`clock_timestamp()`,
        })
        .where("id", "=", prompt.id)
        .execute();
      await insertVersion(transaction, prompt.id, number, prompt.latest_version, input);
      events.push({ prompt: input.name, kind: "version-created", version: number });
    } else if (descriptionChanged || tagsChanged) {
      await transaction
        .updateTable("prompts")
        .set({ ...promptFields, updated_at: sql<Date>`clock_timestamp()` })
        .where("id", "=", prompt.id)
        .execute();
      events.push({ prompt: input.name, kind: "prompt-updated" });
    }

    for (const label of labels) {
      const move = await applyLabel(transaction, {
        promptId: prompt.id,
        promptName: input.name,
        label,
        version: number,
        actor: input.provenance.author,
        reason: input.provenance.message,
        recordUnchanged: false,
      });
      if (move !== undefined)
        events.push({ prompt: input.name, kind: "label-moved", label, version: number });
    }

    const version: Version = await findVersionById(transaction, prompt.id, number);
    return { prompt: await findPromptById(transaction, prompt.id), version, created };
  });
}

async function insertVersion(
  transaction: Transaction<StoreSchema>,
  promptId: number,
  number: number,
  parentNumber: number | null,
  input: { content: NewPrompt["content"]; contentHash: string; provenance: VersionProvenance },
): Promise<void> {
  const { content } = input;
  await transaction
    .insertInto("versions")
    .values({
      prompt_id: promptId,
      number,
      parent_number: parentNumber,
      type: content.type,
      engine: content.engine,
      // JSON text: Postgres reads it as jsonb from the column's type. (Handing `pg` a JS array
      // would make a Postgres array of it instead.)
      template: JSON.stringify(content.template),
      input_schema: content.inputSchema === null ? null : JSON.stringify(content.inputSchema),
      output_schema: content.outputSchema === null ? null : JSON.stringify(content.outputSchema),
      config: JSON.stringify(content.config),
      metadata: JSON.stringify(content.metadata),
      content_hash: input.contentHash,
      message: input.provenance.message,
      author: input.provenance.author,
      created_at: sql<Date>`clock_timestamp()`,
    })
    .execute();
  await recordComponentUses(transaction, promptId, number, content);
}

function sameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((item, index) => item === right[index]);
}
