import type { PromptStore } from "./prompt-store.js";

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, an embedded PGlite database is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (default `./.quire`); ignored with `databaseUrl`. */
  dataDirectory?: string;
}

/** Opens the store, applying pending migrations first. */
export async function openStore(_options: StoreOptions): Promise<PromptStore> {
  throw new Error("not implemented yet");
}
