-- A project setting (issue 6): may the server's eval runs run `javascript` assertions? They run
-- user code (in a locked-down worker with a time limit), so a project allows them only when an
-- admin turns this on. A constant default adds no rewrite on PostgreSQL 11+.
ALTER TABLE projects ADD COLUMN allow_javascript_assertions boolean NOT NULL DEFAULT false;
