import type { ColumnType, Generated, Kysely } from "kysely";
import type { StoreSchema } from "../database/database-schema.js";

/** `bigint` counters: read as strings by `pg`, numbers by PGlite; written as numbers. */
type Counter = ColumnType<string | number, number | undefined, number>;

/** `json` columns: read parsed, written as JSON text. */
type Json<Value> = ColumnType<Value, string, string>;

/** Migration 0004's tables, for kysely's `withTables`. */
export interface ResponseCacheEntriesTable {
  key: string;
  value: Json<unknown>;
  model: string;
  prompt: string | null;
  created_at: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date | null, Date | null, Date | null>;
  hits: Counter;
  last_hit_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SemanticCacheEntriesTable {
  id: ColumnType<string | number, never, never>;
  scope: string;
  model: string;
  prompt: string | null;
  dimensions: number;
  value: Json<unknown>;
  created_at: ColumnType<Date, Date, Date>;
  expires_at: ColumnType<Date | null, Date | null, Date | null>;
}

export interface ResponseCacheStatisticsTable {
  prompt: string;
  hits: Counter;
  misses: Counter;
  semantic_hits: Counter;
  semantic_misses: Counter;
  skipped: Counter;
  saved_input_tokens: Counter;
  saved_output_tokens: Counter;
  saved_cost_usd: ColumnType<number, number | undefined, number>;
  unpriced_hits: Counter;
  updated_at: Generated<Date>;
}

/** A type rather than an interface: `withTables` needs an index signature. */
export type ResponseCacheTables = {
  response_cache_entries: ResponseCacheEntriesTable;
  semantic_cache_entries: SemanticCacheEntriesTable;
  response_cache_statistics: ResponseCacheStatisticsTable;
};

/** The store's database seen with these tables (`database.withTables<ResponseCacheTables>()`). */
export type ResponseCacheDatabase = Kysely<StoreSchema & ResponseCacheTables>;
