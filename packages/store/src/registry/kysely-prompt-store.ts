import type { Kysely } from "kysely";
import type { ChangeFeed } from "../changes/change-feed.js";
import type { StoreSchema } from "../database/database-schema.js";
import type { PromptStore } from "../prompt-store.js";
import {
  countApiKeys,
  createApiKey,
  findApiKeyByHash,
  listApiKeys,
  revokeApiKey,
} from "./api-key-store.js";
import { listIncluders } from "./component-uses.js";
import { moveLabel } from "./move-label.js";
import {
  findPromptRow,
  findVersion,
  labelHistory,
  listPrompts,
  listVersions,
} from "./prompt-reads.js";
import { createPrompt, createVersion } from "./prompt-writes.js";
import { toPrompt } from "./row-mapping.js";

/** The one PromptStore: kysely over PGlite or PostgreSQL, which differ only in how they open. */
export function createKyselyPromptStore(
  database: Kysely<StoreSchema>,
  changeFeed: ChangeFeed,
  closeDatabase: () => Promise<void>,
): PromptStore {
  let closing: Promise<void> | undefined;
  return {
    createPrompt: (input) => createPrompt(database, changeFeed, input),
    createVersion: (input) => createVersion(database, changeFeed, input),
    getPrompt: async (name) => {
      const row = await findPromptRow(database, name);
      return row === undefined ? undefined : toPrompt(row);
    },
    listPrompts: (query) => listPrompts(database, query),
    getVersion: (name, number) => findVersion(database, name, number),
    listVersions: (name, page) => listVersions(database, name, page),
    moveLabel: (request) => moveLabel(database, changeFeed, request),
    labelHistory: (name, page) => labelHistory(database, name, page),
    listIncluders: (component, query) => listIncluders(database, component, query),
    createApiKey: (input) => createApiKey(database, input),
    findApiKeyByHash: (hash) => findApiKeyByHash(database, hash),
    countApiKeys: () => countApiKeys(database),
    listApiKeys: () => listApiKeys(database),
    revokeApiKey: (id) => revokeApiKey(database, id),
    onPromptChanged: (listener) => changeFeed.subscribe(listener),
    close: () => {
      closing ??= (async () => {
        await changeFeed.close();
        await closeDatabase();
      })();
      return closing;
    },
  };
}
