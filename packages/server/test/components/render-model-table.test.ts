import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withModelOverrides } from "@quire/core";
import { openStore, type PromptStore } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey } from "../../src/auth/api-key.js";
import { buildApp, type QuireApp } from "../../src/index.js";

/** `/render?model=` answers from the server's model table, quire.toml's [models] included. */
let dataDirectory: string;
let store: PromptStore;
let built: QuireApp;
let key: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "quire-render-models-"));
  store = await openStore({ dataDirectory });
  const models = withModelOverrides({
    "gpt-4o": { contextWindow: 64_000 },
    "acme-1": {
      contextWindow: 8_000,
      maxOutputTokens: 1_000,
      tokenizer: { encoding: "cl100k_base" },
    },
  });
  built = await buildApp({ store, logLevel: "silent", models });
  key = generateApiKey();
  await store.createApiKey({
    name: "test",
    prefix: displayPrefix(key),
    hash: hashApiKey(key),
    scope: "admin",
  });
  await built.app.inject({
    method: "POST",
    url: "/v1/prompts",
    headers: { authorization: `Bearer ${key}` },
    payload: { name: "models/hello", template: "Hello {{name}}" },
  });
});
afterAll(async () => {
  await built?.app.close();
  await store?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

async function tokensFor(model: string): Promise<Record<string, unknown>> {
  const response = await built.app.inject({
    method: "POST",
    url: `/v1/prompts/models%2Fhello/render?model=${encodeURIComponent(model)}`,
    headers: { authorization: `Bearer ${key}` },
    payload: { variables: { name: "Ada" } },
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { tokens: Record<string, unknown> }).tokens;
}

describe("/render token counts with the server's model table", () => {
  it("reports an overridden context window", async () => {
    expect(await tokensFor("gpt-4o")).toMatchObject({ contextWindow: 64_000, estimate: false });
  });

  it("counts a model added by override with the encoding it names", async () => {
    expect(await tokensFor("acme-1")).toMatchObject({
      contextWindow: 8_000,
      encoding: "cl100k_base",
      estimate: false,
    });
  });
});
