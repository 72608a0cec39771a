export {
  deferredPgvectorCheck,
  pgvectorExpectation,
  pgvectorForTests,
  pgvectorRequirementVariable,
  postgresHasPgvector,
} from "./pgvector-installed.js";
export {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
  postgresTestDatabaseUrl,
  postgresTestUrlVariable,
} from "./postgres-test-database.js";
