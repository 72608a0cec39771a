-- The response cache of the model layer (issue 4), shared by every server on the database: the
-- exact cache's answers, the semantic cache's answers, and hit statistics per prompt. The same
-- DDL runs on PostgreSQL and on PGlite.
--
-- Times are wall-clock milliseconds in the caches (Date.now()), stored as timestamptz: a row's
-- expiry means the same in every process. Reads skip expired rows; the store deletes them in
-- bounded batches in the background.
--
-- Answers are `json`, not `jsonb`: a model's text may hold "\u0000", which `jsonb` refuses and
-- `json` keeps as written.

CREATE TABLE response_cache_entries (
  -- SHA-256 (hex) of the canonical request: model, prompt, parameters, messages.
  key text COLLATE "C" PRIMARY KEY,
  value json NOT NULL,
  model text NOT NULL,
  prompt text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  -- Hits served from this row; the store adds them in batches, not one write per hit.
  hits bigint NOT NULL DEFAULT 0 CHECK (hits >= 0),
  last_hit_at timestamptz
);

CREATE INDEX response_cache_entries_expiry_index ON response_cache_entries (expires_at)
  WHERE expires_at IS NOT NULL;
-- Invalidation by prompt (and prompt + model), and by model.
CREATE INDEX response_cache_entries_prompt_index ON response_cache_entries (prompt, model);
CREATE INDEX response_cache_entries_model_index ON response_cache_entries (model);

-- The semantic cache. Its `embedding vector` column needs pgvector, which a PostgreSQL server may
-- lack (PGlite always has it): the store adds the column at run time once `CREATE EXTENSION
-- vector` succeeded, so this migration applies everywhere and the semantic cache is turned on
-- when pgvector appears. Embeddings of any length share the table; `dimensions` says which,
-- and each length gets its own partial HNSW index on `embedding::vector(n)` when first used.
CREATE TABLE semantic_cache_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Model, prompt and parameters (everything of the exact key but the messages), hashed:
  -- only entries of the same scope are compared.
  scope text COLLATE "C" NOT NULL,
  model text NOT NULL,
  prompt text,
  dimensions integer NOT NULL CHECK (dimensions BETWEEN 1 AND 16000),
  value json NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz
);

CREATE INDEX semantic_cache_entries_scope_index ON semantic_cache_entries (scope, dimensions);
CREATE INDEX semantic_cache_entries_expiry_index ON semantic_cache_entries (expires_at)
  WHERE expires_at IS NOT NULL;
CREATE INDEX semantic_cache_entries_prompt_index ON semantic_cache_entries (prompt, model);
CREATE INDEX semantic_cache_entries_model_index ON semantic_cache_entries (model);

-- What the caches did, per prompt ('' for calls without one), summed over every server: each
-- server adds its counts in batches (one statement per flush for all prompts).
CREATE TABLE response_cache_statistics (
  prompt text COLLATE "C" PRIMARY KEY,
  hits bigint NOT NULL DEFAULT 0 CHECK (hits >= 0),
  misses bigint NOT NULL DEFAULT 0 CHECK (misses >= 0),
  semantic_hits bigint NOT NULL DEFAULT 0 CHECK (semantic_hits >= 0),
  semantic_misses bigint NOT NULL DEFAULT 0 CHECK (semantic_misses >= 0),
  -- Calls not looked up: sampled answers (temperature > 0) are not cached unless asked.
  skipped bigint NOT NULL DEFAULT 0 CHECK (skipped >= 0),
  saved_input_tokens bigint NOT NULL DEFAULT 0 CHECK (saved_input_tokens >= 0),
  saved_output_tokens bigint NOT NULL DEFAULT 0 CHECK (saved_output_tokens >= 0),
  saved_cost_usd double precision NOT NULL DEFAULT 0 CHECK (saved_cost_usd >= 0),
  -- Hits whose model has no price in the model table (so not in saved_cost_usd).
  unpriced_hits bigint NOT NULL DEFAULT 0 CHECK (unpriced_hits >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
