import { type LabelMove, QuireError } from "@quire/core";
import { sql, type Transaction } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";
import { toLabelMove } from "./row-mapping.js";

export interface LabelChange {
  promptId: number;
  promptName: string;
  label: string;
  version: number;
  actor: string;
  reason: string;
  /** Record the move even when the label already points at `version`. */
  recordUnchanged: boolean;
}

/**
 * Points a label at a version and records the move, inside the caller's transaction (which
 * holds the prompt row's lock). Returns undefined when nothing changed and nothing was recorded.
 */
export async function applyLabel(
  transaction: Transaction<StoreSchema>,
  change: LabelChange,
): Promise<LabelMove | undefined> {
  const current = await transaction
    .selectFrom("labels")
    .select("version")
    .where("prompt_id", "=", change.promptId)
    .where("name", "=", change.label)
    .executeTakeFirst();
  const fromVersion = current?.version ?? null;
  if (fromVersion === change.version && !change.recordUnchanged) return undefined;
  if (fromVersion !== change.version) {
    await transaction
      .insertInto("labels")
      .values({
        prompt_id: change.promptId,
        name: change.label,
        version: change.version,
        updated_at: sql<Date>`clock_timestamp()`,
      })
      .onConflict((conflict) =>
        conflict.columns(["prompt_id", "name"]).doUpdateSet({
          version: change.version,
          updated_at: sql<Date>`clock_timestamp()`,
        }),
      )
      .execute();
  }
  const move = await transaction
    .insertInto("label_moves")
    .values({
      prompt_id: change.promptId,
      label: change.label,
      from_version: fromVersion,
      to_version: change.version,
      actor: change.actor,
      reason: change.reason,
      moved_at: sql<Date>`clock_timestamp()`,
    })
    .returning(["id", "label", "from_version", "to_version", "actor", "reason", "moved_at"])
    .executeTakeFirstOrThrow();
  return toLabelMove(change.promptName, move);
}

export function versionNotFound(
  promptName: string,
  version: number,
  latestVersion: number,
): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `Prompt ${JSON.stringify(promptName)} has no version ${version}: its versions are 1 to ${latestVersion}.`,
    { details: { prompt: promptName, version, latestVersion } },
  );
}
