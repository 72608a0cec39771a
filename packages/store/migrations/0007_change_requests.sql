-- The two-person rule (issue 5): with it on, moving a protected label makes a change request that
-- another publisher approves.
ALTER TABLE projects ADD COLUMN two_person_rule boolean NOT NULL DEFAULT false;

CREATE TABLE change_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  prompt text COLLATE "C" NOT NULL,
  label text COLLATE "C" NOT NULL,
  from_version integer,
  to_version integer NOT NULL CHECK (to_version >= 1),
  reason text NOT NULL DEFAULT '',
  author text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'rejected')),
  decided_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz
);

CREATE INDEX change_requests_project_index ON change_requests (project_id, status, id DESC);
