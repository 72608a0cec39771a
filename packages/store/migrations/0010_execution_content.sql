-- The execution log keeps what a run was given and what it answered, so an execution can become
-- a test case (its variables, and its output as the expected value) without digging in metadata.
-- Both columns are nullable: old rows, records ingested without them, failed runs (no output),
-- and servers with `[executions] storeContent = false` leave them null.
--
-- The store caps each at 64 KB (UTF-8) before it writes: output text is cut, long string values
-- of the variables are shortened, and `content_truncated` says that happened.
--
-- ALTER on the partitioned parent reaches every partition (and `LIKE executions` copies the new
-- columns into months created later). A constant default adds no rewrite on PostgreSQL 11+.
ALTER TABLE executions ADD COLUMN variables jsonb;
ALTER TABLE executions ADD COLUMN output text;
ALTER TABLE executions ADD COLUMN content_truncated boolean NOT NULL DEFAULT false;
