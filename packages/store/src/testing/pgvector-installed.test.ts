import { afterEach, describe, expect, it, vi } from "vitest";
import { deferredPgvectorCheck, pgvectorExpectation } from "./pgvector-installed.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("what the PostgreSQL suites expect of pgvector", () => {
  it("expects the semantic cache to work where pgvector is installed, in CI or not", () => {
    expect(pgvectorExpectation(true, "db:5432", { CI: "true" })).toBe(true);
    expect(pgvectorExpectation(true, "db:5432", {})).toBe(true);
  });

  it("fails a CI run without pgvector, saying to run .ci/install-pgvector.sh", () => {
    for (const environment of [{ CI: "true" }, { CI: "1" }, { QUIRE_TEST_PGVECTOR: "required" }]) {
      expect(() => pgvectorExpectation(false, "db:5432", environment)).toThrow(
        /pgvector is not installed on the PostgreSQL server at db:5432.*bash \.ci\/install-pgvector\.sh/,
      );
    }
  });

  it("outside CI (or when made optional) answers false with a notice", () => {
    const notices = vi.spyOn(console, "info").mockImplementation(() => {});
    expect(pgvectorExpectation(false, "db:5432", {})).toBe(false);
    expect(pgvectorExpectation(false, "db:5432", { CI: "false" })).toBe(false);
    expect(
      pgvectorExpectation(false, "db:5432", { CI: "true", QUIRE_TEST_PGVECTOR: "optional" }),
    ).toBe(false);
    // Printed once per process, not once per suite.
    expect(notices.mock.calls.length).toBeLessThanOrEqual(1);
  });

  it("refuses a requirement it does not understand, even with pgvector there", () => {
    expect(() => pgvectorExpectation(true, "db:5432", { QUIRE_TEST_PGVECTOR: "yes" })).toThrow(
      /QUIRE_TEST_PGVECTOR=yes is not understood: use "required" or "optional"/,
    );
  });

  it("defers a failure to the tests that need pgvector, so they count as failed", async () => {
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    const check = await deferredPgvectorCheck("postgres://postgres@127.0.0.1:9/postgres");
    expect(check).toThrow(/ECONNREFUSED/);
  });
});
