-- Evaluation (issue 6): datasets of test cases, eval runs (durable jobs shared by every server
-- through `FOR UPDATE SKIP LOCKED`) and their results. The same DDL runs on PostgreSQL and PGlite.
--
-- Results are keyed by run, not by time, and a run's results are read and compared together, so
-- `eval_results` is not partitioned (unlike `executions`): deleting a run removes its rows.

CREATE TABLE datasets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);

-- `position` orders the cases (import order); `case_id` is what comparisons pair on.
CREATE TABLE dataset_cases (
  dataset_id bigint NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
  case_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  variables jsonb NOT NULL DEFAULT '{}',
  expected jsonb,
  metadata jsonb NOT NULL DEFAULT '{}',
  assertions jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, case_id)
);

CREATE INDEX dataset_cases_position_index ON dataset_cases (dataset_id, position, case_id);

-- One eval run: the plan as given and resolved, the snapshot of the cases it uses (later edits of
-- the dataset never change it), progress counts, summaries, and the lease of the server running it.
CREATE TABLE eval_runs (
  id text COLLATE "C" PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'completed', 'cancelled', 'failed')),
  plan jsonb NOT NULL,
  cases jsonb NOT NULL,
  total integer NOT NULL CHECK (total >= 0),
  done integer NOT NULL DEFAULT 0,
  passed integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  errored integer NOT NULL DEFAULT 0,
  summaries jsonb,
  error jsonb,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  lease_owner text,
  lease_expires_at timestamptz
);

CREATE INDEX eval_runs_project_index ON eval_runs (project_id, created_at DESC, id DESC);
-- What the job claimers scan: the queued runs and the running ones whose lease may expire.
CREATE INDEX eval_runs_claim_index ON eval_runs (created_at, id) WHERE status IN ('queued', 'running');

-- One cell of a run; `cell_key` is engine's cellKeyString (unique per cell), so a resumed run
-- that stores a cell twice keeps the first (ON CONFLICT DO NOTHING).
CREATE TABLE eval_results (
  run_id text COLLATE "C" NOT NULL REFERENCES eval_runs (id) ON DELETE CASCADE,
  cell_key text COLLATE "C" NOT NULL,
  prompt_id text NOT NULL,
  model_id text NOT NULL,
  case_id text NOT NULL,
  repeat_index integer NOT NULL CHECK (repeat_index >= 0),
  position bigint GENERATED ALWAYS AS IDENTITY,
  status text NOT NULL CHECK (status IN ('passed', 'failed', 'errored')),
  output text NOT NULL,
  score double precision NOT NULL,
  assertions jsonb NOT NULL DEFAULT '[]',
  latency_ms double precision NOT NULL,
  input_tokens integer NOT NULL,
  output_tokens integer NOT NULL,
  cached_input_tokens integer NOT NULL,
  cost numeric,
  cache_hit boolean NOT NULL,
  error jsonb,
  provenance jsonb,
  finished_at timestamptz NOT NULL,
  PRIMARY KEY (run_id, cell_key)
);

CREATE INDEX eval_results_position_index ON eval_results (run_id, position);
