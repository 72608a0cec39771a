-- The execution log: one row per use of a prompt, plus feedback on executions. The same DDL runs
-- on PostgreSQL and on PGlite (PostgreSQL 17 inside, which supports declarative partitioning,
-- default partitions and PL/pgSQL).
--
-- `executions` is the table that grows, so it is partitioned by month on `created_at`
-- (declarative range partitioning). `quire_ensure_execution_partitions(n)` creates the
-- partitions of this month and the next n; the store calls it at every open and twice a day.
-- Rows outside every monthly partition (an old `createdAt` from a client, or a month that was
-- not created in time) land in `executions_default`, so an insert never fails for want of a
-- partition; creating a month moves its rows out of the default partition first.
-- Old months can be dropped whole (`DROP TABLE executions_2026_01`) for retention; that is why
-- feedback carries no foreign key to executions (it would pin the partitions).
--
-- Times are stored with millisecond precision (the store writes JavaScript Dates), which keeps
-- the (created_at, id) pagination cursor exact.

CREATE TABLE executions (
  id text NOT NULL,
  project_id text NOT NULL DEFAULT 'default',
  client_id text,
  prompt_name text COLLATE "C" NOT NULL,
  prompt_version integer CHECK (prompt_version >= 1),
  label text,
  component_versions jsonb NOT NULL DEFAULT '[]',
  model text NOT NULL,
  provider text,
  input_tokens integer CHECK (input_tokens >= 0),
  output_tokens integer CHECK (output_tokens >= 0),
  cached_tokens integer CHECK (cached_tokens >= 0),
  latency_ms double precision CHECK (latency_ms >= 0),
  time_to_first_token_ms double precision CHECK (time_to_first_token_ms >= 0),
  cost numeric CHECK (cost >= 0),
  cost_estimated boolean NOT NULL DEFAULT false,
  success boolean NOT NULL,
  error_class text,
  cache_hit boolean NOT NULL DEFAULT false,
  context_signature text,
  end_user_id text,
  session_id text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  -- A partitioned table's primary key must include the partition key.
  PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE executions_default PARTITION OF executions DEFAULT;

-- Listing is newest first with keyset pagination on (created_at, id), optionally by prompt or
-- model; a btree serves the descending order by scanning backwards. Version and success filter
-- within these (version goes with a prompt), except failures, which are rare enough to deserve
-- their own small partial index.
CREATE INDEX executions_time_index ON executions (project_id, created_at, id);
CREATE INDEX executions_prompt_index ON executions (project_id, prompt_name, created_at, id);
CREATE INDEX executions_model_index ON executions (project_id, model, created_at, id);
CREATE INDEX executions_failure_index ON executions (project_id, created_at, id) WHERE NOT success;

-- Idempotency: a client id is unique per project across all partitions, which a unique index
-- on the partitioned table cannot say (it would have to include created_at). One narrow,
-- unpartitioned table claims each client id; an ingest inserts here first (ON CONFLICT DO
-- NOTHING) and stores only the executions whose claim it won, in the same statement.
CREATE TABLE execution_client_ids (
  project_id text NOT NULL,
  client_id text NOT NULL,
  execution_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (project_id, client_id)
);

-- Feedback on an execution; `execution_created_at` locates its partition (and lets retention
-- drop feedback by the same time range).
CREATE TABLE execution_feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  execution_id text NOT NULL,
  execution_created_at timestamptz NOT NULL,
  score double precision NOT NULL,
  comment text NOT NULL DEFAULT '',
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX execution_feedback_execution_index ON execution_feedback (execution_id, id);

-- Creates the monthly partitions (UTC months) from this month to `months_ahead` months ahead
-- that do not exist yet, moving any rows of those months out of the default partition first.
-- Returns how many it created. Serialized by a transaction-level advisory lock, so several
-- servers opening at once do not race.
CREATE FUNCTION quire_ensure_execution_partitions(months_ahead integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz;
  month_end timestamptz;
  partition_name text;
  created integer := 0;
BEGIN
  -- "quire" + 1 in ASCII, as one bigint: distinct from the migrations lock.
  PERFORM pg_advisory_xact_lock(7238473210133236);
  FOR month_offset IN 0..months_ahead LOOP
    month_start := (date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')
      + make_interval(months => month_offset);
    month_end := month_start + interval '1 month';
    partition_name := 'executions_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY_MM');
    IF to_regclass(partition_name) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I (LIKE executions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
        partition_name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM executions_default WHERE created_at >= %L AND created_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        month_start, month_end, partition_name);
      EXECUTE format(
        'ALTER TABLE executions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        partition_name, month_start, month_end);
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END $$;

SELECT quire_ensure_execution_partitions(3);
