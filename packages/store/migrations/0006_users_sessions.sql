-- Users with passwords, their membership (and role) in projects, and web UI sessions (issue 5).

CREATE TABLE users (
  id text PRIMARY KEY,
  -- Lower-cased by the store; compared bytewise.
  email text COLLATE "C" NOT NULL,
  name text NOT NULL DEFAULT '',
  -- `scrypt$N$r$p$<salt base64>$<hash base64>`: scrypt from node:crypto with a per-user salt.
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_unique UNIQUE (email)
);

CREATE TABLE project_members (
  project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('viewer', 'editor', 'publisher', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, user_id)
);

-- A session is found by the SHA-256 of its cookie's token; the token itself is never stored.
CREATE TABLE sessions (
  hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_user_index ON sessions (user_id);
