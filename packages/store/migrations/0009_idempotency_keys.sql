-- Idempotency-Key (DESIGN.md, API conventions): a write retried with the same key is applied
-- once; the stored answer is replayed. Keys belong to one caller (an API key or a user) in one
-- project, and are kept for a day.
CREATE TABLE idempotency_keys (
  project_id text COLLATE "C" NOT NULL,
  principal text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  -- sha256 of the method, the path and the body: a reused key with another request is refused.
  fingerprint text NOT NULL,
  -- null while the first request is still being handled.
  status integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (project_id, principal, key)
);

CREATE INDEX idempotency_keys_created_index ON idempotency_keys (created_at);
