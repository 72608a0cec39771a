import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../src/index.js";
import { newPrompt } from "./suite/store-fixtures.js";

describe("the embedded database's data directory", () => {
  let dataDirectory = "";
  beforeAll(async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "quire-data-"));
  });
  afterAll(() => rm(dataDirectory, { recursive: true, force: true }));

  it("keeps PGlite in <dir>/db with a lock while open, and keeps the data after closing", async () => {
    const first = await openStore({ dataDirectory });
    expect(existsSync(join(dataDirectory, "db", "PG_VERSION"))).toBe(true);
    const lock = JSON.parse(await readFile(join(dataDirectory, "db.lock"), "utf8"));
    expect(lock.pid).toBe(process.pid);
    await first.createPrompt(newPrompt("kept/prompt", { labels: ["production"] }));
    await first.close();
    expect(existsSync(join(dataDirectory, "db.lock"))).toBe(false);

    const reopened = await openStore({ dataDirectory });
    try {
      expect(await reopened.getPrompt("kept/prompt")).toMatchObject({
        latestVersion: 1,
        labels: { production: 1 },
      });
    } finally {
      await reopened.close();
    }
  });

  it("refuses a second open of the same folder while the first is open, saying why", async () => {
    const first = await openStore({ dataDirectory });
    try {
      const error = await openStore({ dataDirectory }).catch((rejection: unknown) => rejection);
      expect(error).toMatchObject({ code: "UNAVAILABLE" });
      expect(String((error as Error).message)).toMatch(/already open/);
      expect(String((error as Error).message)).toMatch(/PostgreSQL/);
      // The refused open must not have taken the lock away from the first store.
      expect(await first.getPrompt("kept/prompt")).toBeDefined();
    } finally {
      await first.close();
    }
  });
});
