-- The prompt registry: prompts, their immutable versions, movable labels with their history,
-- and API keys. One schema for PGlite and PostgreSQL.

-- Names sort and compare bytewise (COLLATE "C") so that ordering is the same on every server
-- whatever its locale, and so that the btree index serves `name LIKE 'prefix%'` (folders).
CREATE TABLE prompts (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text COLLATE "C" NOT NULL,
  description text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  type text NOT NULL,
  engine text NOT NULL,
  latest_version integer NOT NULL CHECK (latest_version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT prompts_name_unique UNIQUE (name)
);

-- Tag filter: `tags @> ARRAY['tag']`.
CREATE INDEX prompts_tags_index ON prompts USING gin (tags);

-- Versions are immutable; the primary key is the hot lookup (prompt, number).
CREATE TABLE versions (
  prompt_id integer NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  parent_number integer CHECK (parent_number IS NULL OR parent_number < number),
  type text NOT NULL,
  engine text NOT NULL,
  template jsonb NOT NULL,
  input_schema jsonb,
  output_schema jsonb,
  config jsonb NOT NULL DEFAULT '{}',
  metadata jsonb NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  message text NOT NULL DEFAULT '',
  author text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (prompt_id, number)
);

-- A label points at one existing version of its prompt; the primary key is the hot lookup
-- (prompt, label name).
CREATE TABLE labels (
  prompt_id integer NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  name text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (prompt_id, name),
  FOREIGN KEY (prompt_id, version) REFERENCES versions (prompt_id, number)
);

-- Every deploy and rollback. Read newest first per prompt.
CREATE TABLE label_moves (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  prompt_id integer NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
  label text NOT NULL,
  from_version integer,
  to_version integer NOT NULL,
  actor text NOT NULL,
  reason text NOT NULL DEFAULT '',
  moved_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX label_moves_prompt_index ON label_moves (prompt_id, id DESC);

-- API keys are stored hashed; a request is authorized by looking its key's hash up.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  prefix text NOT NULL,
  hash text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz,
  CONSTRAINT api_keys_hash_unique UNIQUE (hash)
);
