-- Access control (issue 5): projects, API keys per project with a role, and the audit log. The
-- same DDL runs on PostgreSQL and on PGlite.
--
-- Everything stored before this migration belongs to the project `default`.

CREATE TABLE projects (
  id text COLLATE "C" PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  name text NOT NULL,
  -- Labels whose move needs the publisher role (also for API keys).
  protected_labels text[] NOT NULL DEFAULT '{production}',
  created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO projects (id, name) VALUES ('default', 'Default project');

-- A key belongs to one project. `role` is null for keys made with a scope only (before this
-- migration, or through PromptStore.createApiKey); their role is read from the scope:
-- read → viewer, write → editor, admin → admin.
ALTER TABLE api_keys
  ADD COLUMN project_id text COLLATE "C" NOT NULL DEFAULT 'default' REFERENCES projects (id),
  ADD COLUMN role text CHECK (role IS NULL OR role IN ('viewer', 'editor', 'publisher', 'admin')),
  ADD COLUMN expires_at timestamptz,
  ADD COLUMN created_by text;

CREATE INDEX api_keys_project_index ON api_keys (project_id, created_at DESC);

-- Every write, with who made it and the state before and after. Rows are only ever inserted:
-- no route updates or deletes them.
CREATE TABLE audit_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL,
  actor text NOT NULL,
  action text COLLATE "C" NOT NULL,
  target text NOT NULL,
  before jsonb,
  after jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_entries_project_index ON audit_entries (project_id, id DESC);
