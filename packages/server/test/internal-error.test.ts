import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ErrorResponse } from "@quire/core";
import { openStore, type PromptStore } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, ensureAdminKey, type QuireApp } from "../src/index.js";

let dataDirectory: string;
let store: PromptStore;
let built: QuireApp;
let key: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "quire-internal-error-"));
  store = await openStore({ dataDirectory });
  const adminKey = await ensureAdminKey(store, dataDirectory);
  key = (await readFile(adminKey.path, "utf8")).trim();
  built = await buildApp({ store, logLevel: "silent" });
});
afterAll(async () => {
  await built?.app.close();
  await store?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

describe("an unexpected failure", () => {
  it("answers 500 INTERNAL with a request id and none of the internals", async () => {
    const original = store.getPrompt.bind(store);
    store.getPrompt = async () => {
      throw new Error("connection to /var/secret/db.sock lost");
    };
    try {
      const response = await built.app.inject({
        method: "GET",
        url: "/v1/prompts/anything",
        headers: { authorization: `Bearer ${key}` },
      });
      expect(response.statusCode).toBe(500);
      const body = response.json() as ErrorResponse;
      expect(body.error.code).toBe("INTERNAL");
      expect(body.error.message).toContain("server log");
      expect(body.error.details.requestId).toBeTypeOf("string");
      expect(response.body).not.toContain("secret");
      expect(response.body).not.toMatch(/\bat .*\.ts:\d+/);
    } finally {
      store.getPrompt = original;
    }
  });
});
