-- Rate limits and login throttling shared by every server on the database (issue 5): one counter
-- per key (`key:<id>`, `failed-auth:<address>`, `login-email:<email>`…) and fixed window. Each
-- request adds one with a single upsert; windows that have ended are swept. UNLOGGED: a crash
-- may forget the counts of the current window, which is harmless, and writes skip the WAL.
CREATE UNLOGGED TABLE rate_limit_counters (
  key text COLLATE "C" NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (key, window_start)
);

CREATE INDEX rate_limit_counters_expires_index ON rate_limit_counters (expires_at);
