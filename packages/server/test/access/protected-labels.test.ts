import type { ErrorResponse, GetPromptResponse, LabelMove } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey } from "../../src/auth/api-key.js";
import {
  type AccessApp,
  type AccessDatabase,
  accessDatabases,
  bearer,
  makeKey,
  openAccessApp,
} from "./access-fixtures.js";

describe.each(accessDatabases())("protected labels on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  let editor: string;
  let publisher: string;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    editor = (await makeKey(store, "editor")).key;
    publisher = (await makeKey(store, "publisher")).key;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  async function call(method: "GET" | "POST" | "PUT", url: string, key: string, body?: unknown) {
    const response = await server.app.inject({
      method,
      url,
      headers: bearer(key),
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.json() as unknown };
  }

  async function promptWithVersions(name: string, count: number): Promise<string> {
    expect((await call("POST", "/v1/prompts", editor, { name, template: "v1" })).status).toBe(201);
    const path = `/v1/prompts/${encodeURIComponent(name)}`;
    for (let number = 2; number <= count; number++) {
      const created = await call("POST", `${path}/versions`, editor, { template: `v${number}` });
      expect(created.status).toBe(201);
    }
    return path;
  }

  it("lets an editor move an ordinary label but not production; a publisher moves both", async () => {
    const path = await promptWithVersions("guarded/move", 2);
    expect((await call("PUT", `${path}/labels/staging`, editor, { version: 2 })).status).toBe(200);
    const refused = await call("PUT", `${path}/labels/production`, editor, { version: 2 });
    expect(refused.status).toBe(403);
    expect((refused.body as ErrorResponse).error).toMatchObject({
      code: "FORBIDDEN",
      details: { role: "editor", needed: "publisher" },
    });
    expect((refused.body as ErrorResponse).error.message).toContain('"production"');
    const prompt = (await call("GET", path, editor)).body as GetPromptResponse;
    expect(prompt.prompt.labels.production).toBeUndefined();
    expect((await call("PUT", `${path}/labels/production`, publisher, { version: 2 })).status).toBe(
      200,
    );
  });

  it("refuses production in a new prompt's or version's labels to an editor, storing nothing", async () => {
    const refused = await call("POST", "/v1/prompts", editor, {
      name: "guarded/created",
      template: "x",
      labels: ["staging", "production"],
    });
    expect(refused.status).toBe(403);
    expect(
      (await call("GET", `/v1/prompts/${encodeURIComponent("guarded/created")}`, editor)).status,
    ).toBe(404);
    const path = await promptWithVersions("guarded/versioned", 1);
    const version = await call("POST", `${path}/versions`, editor, {
      template: "v2",
      labels: ["production"],
    });
    expect(version.status).toBe(403);
    const prompt = (await call("GET", path, editor)).body as GetPromptResponse;
    expect(prompt.prompt.latestVersion).toBe(1);
    const allowed = await call("POST", `${path}/versions`, publisher, {
      template: "v2",
      labels: ["production"],
    });
    expect(allowed.status).toBe(201);
  });

  it("holds a write-scope key (as Langfuse's write keys are not) to the same rule", async () => {
    const key = generateApiKey();
    await store.createApiKey({
      name: "legacy-writer",
      prefix: displayPrefix(key),
      hash: hashApiKey(key),
      scope: "write",
    });
    const path = await promptWithVersions("guarded/legacy", 1);
    expect((await call("PUT", `${path}/labels/production`, key, { version: 1 })).status).toBe(403);
    expect((await call("PUT", `${path}/labels/canary`, key, { version: 1 })).status).toBe(200);
  });

  it("keeps concurrent moves of one label consistent: every move recorded, chained, last one wins", async () => {
    const count = 12;
    const path = await promptWithVersions("guarded/concurrent", count);
    const moves = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        call("PUT", `${path}/labels/production`, publisher, { version: (index % count) + 1 }),
      ),
    );
    for (const move of moves) expect(move.status).toBe(200);
    const history = (await call("GET", `${path}/labels/history?limit=100`, publisher)).body as {
      items: LabelMove[];
    };
    const production = history.items.filter((move) => move.label === "production").reverse();
    expect(production).toHaveLength(24);
    expect(production[0]?.fromVersion).toBeNull();
    for (let index = 1; index < production.length; index++) {
      expect(production[index]?.fromVersion).toBe(production[index - 1]?.toVersion);
    }
    const prompt = (await call("GET", path, publisher)).body as GetPromptResponse;
    expect(prompt.prompt.labels.production).toBe(production.at(-1)?.toVersion);
  });
});

describe.each(accessDatabases())("protected label settings on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  it("lets an admin change the protected labels, applied at once and audited", async () => {
    const admin = (await makeKey(store, "admin")).key;
    const editor = (await makeKey(store, "editor")).key;
    const send = (method: "GET" | "PUT" | "POST", url: string, key: string, payload?: object) =>
      server.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });
    expect((await send("GET", "/v1/settings", editor)).json()).toEqual({
      projectId: "default",
      name: "Default project",
      protectedLabels: ["production"],
      twoPersonRule: false,
      allowJavaScriptAssertions: false,
    });
    expect((await send("PUT", "/v1/settings", editor, { protectedLabels: [] })).statusCode).toBe(
      403,
    );
    expect(
      (await send("PUT", "/v1/settings", admin, { protectedLabels: ["bad label"] })).statusCode,
    ).toBe(422);
    const changed = await send("PUT", "/v1/settings", admin, {
      protectedLabels: ["production", "staging"],
    });
    expect(changed.statusCode).toBe(200);
    expect(
      (await send("POST", "/v1/prompts", editor, { name: "settings/p", template: "x" })).statusCode,
    ).toBe(201);
    const path = `/v1/prompts/${encodeURIComponent("settings/p")}`;
    expect((await send("PUT", `${path}/labels/staging`, editor, { version: 1 })).statusCode).toBe(
      403,
    );
    expect((await send("PUT", `${path}/labels/canary`, editor, { version: 1 })).statusCode).toBe(
      200,
    );
    const audit = await send("GET", "/v1/audit?action=settings.update", admin);
    expect(audit.json()).toMatchObject({
      items: [
        {
          before: { protectedLabels: ["production"] },
          after: { protectedLabels: ["production", "staging"] },
        },
      ],
    });
  });
});
