import type { LabelMove } from "@quire/core";
import type { Kysely } from "kysely";
import type { ChangeFeed } from "../changes/change-feed.js";
import type { StoreSchema } from "../database/database-schema.js";
import type { LabelMoveRequest } from "../prompt-store.js";
import { checkActor, checkLabels, checkVersionNumber } from "./input-checks.js";
import { applyLabel, versionNotFound } from "./label-writes.js";
import { promptNotFound } from "./prompt-reads.js";
import { runWrite } from "./write-transaction.js";

/** Deploy or rollback: points a label at an existing version and records who did it and why. */
export async function moveLabel(
  database: Kysely<StoreSchema>,
  changeFeed: ChangeFeed,
  request: LabelMoveRequest,
): Promise<LabelMove> {
  checkLabels([request.label]);
  checkVersionNumber(request.version);
  checkActor(request.actor, "actor");

  return runWrite(database, changeFeed, async (transaction, events) => {
    const prompt = await transaction
      .selectFrom("prompts")
      .select(["id", "latest_version"])
      .where("name", "=", request.name)
      .forUpdate()
      .executeTakeFirst();
    if (prompt === undefined) throw promptNotFound(request.name);
    // Versions are never deleted, so 1..latest all exist.
    if (request.version > prompt.latest_version) {
      throw versionNotFound(request.name, request.version, prompt.latest_version);
    }
    const move = await applyLabel(transaction, {
      promptId: prompt.id,
      promptName: request.name,
      label: request.label,
      version: request.version,
      actor: request.actor,
      reason: request.reason,
      recordUnchanged: true,
    });
    if (move === undefined) throw new Error("applyLabel records every requested move");
    if (move.fromVersion !== move.toVersion) {
      events.push({
        prompt: request.name,
        kind: "label-moved",
        label: request.label,
        version: request.version,
      });
    }
    return move;
  });
}
