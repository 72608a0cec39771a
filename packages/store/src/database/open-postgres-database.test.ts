import { describe, expect, it } from "vitest";
import { redactPassword } from "./open-postgres-database.js";

describe("redactPassword", () => {
  it("hides the password and keeps the rest", () => {
    expect(redactPassword("postgres://quire:s3cret@db.internal:5432/quire")).toBe(
      "postgres://quire:***@db.internal:5432/quire",
    );
    expect(redactPassword("postgres://quire@db/quire")).toBe("postgres://quire@db/quire");
    expect(redactPassword("not a url")).toBe("(an unparseable URL)");
  });
});
