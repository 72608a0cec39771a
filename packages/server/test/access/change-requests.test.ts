import type { AuditPage, ChangeRequest, ErrorResponse, GetPromptResponse } from "@quire/core";
import type { Store } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccessApp,
  type AccessDatabase,
  accessDatabases,
  bearer,
  makeKey,
  openAccessApp,
} from "./access-fixtures.js";

describe.each(accessDatabases())("the two-person rule on $name", (backend) => {
  let database: AccessDatabase;
  let store: Store;
  let server: AccessApp;
  const keys: Record<string, string> = {};
  const path = `/v1/prompts/${encodeURIComponent("two/person")}`;

  beforeAll(async () => {
    database = await backend.open();
    store = await database.openStore();
    server = await openAccessApp(store);
    keys.admin = (await makeKey(store, "admin", { name: "admin" })).key;
    keys.alice = (await makeKey(store, "publisher", { name: "alice" })).key;
    keys.bob = (await makeKey(store, "publisher", { name: "bob" })).key;
    keys.eve = (await makeKey(store, "editor", { name: "eve" })).key;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await database?.close();
  });

  const send = (method: "GET" | "POST" | "PUT", url: string, who: string, payload?: object) =>
    server.app.inject({
      method,
      url,
      headers: bearer(keys[who] ?? ""),
      ...(payload ? { payload } : {}),
    });
  const production = async () =>
    ((await send("GET", path, "alice")).json() as GetPromptResponse).prompt.labels.production;

  it("turns a protected move into a request another publisher approves, showing the diff", async () => {
    expect(
      (
        await send("POST", "/v1/prompts", "alice", {
          name: "two/person",
          template: "v1 {{a}}",
          labels: ["production"],
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await send("POST", `${path}/versions`, "alice", { template: "v2 {{a}}" })).statusCode,
    ).toBe(201);
    expect((await send("PUT", "/v1/settings", "admin", { twoPersonRule: true })).statusCode).toBe(
      200,
    );

    const asked = await send("PUT", `${path}/labels/production`, "alice", {
      version: 2,
      reason: "ship",
    });
    expect(asked.statusCode).toBe(202);
    const request = asked.json() as ChangeRequest;
    expect(request).toMatchObject({
      status: "open",
      fromVersion: 1,
      toVersion: 2,
      author: "key:alice",
    });
    expect(await production()).toBe(1);

    const shown = (
      await send("GET", `/v1/change-requests/${request.id}`, "bob")
    ).json() as ChangeRequest & { diff: unknown };
    expect(JSON.stringify(shown.diff)).toContain("v2");

    const self = await send("POST", `/v1/change-requests/${request.id}/approve`, "alice");
    expect(self.statusCode).toBe(403);
    expect((self.json() as ErrorResponse).error.details).toMatchObject({ reason: "self-approval" });
    expect(
      (await send("POST", `/v1/change-requests/${request.id}/approve`, "eve")).statusCode,
    ).toBe(403);
    expect(await production()).toBe(1);

    const approved = await send("POST", `/v1/change-requests/${request.id}/approve`, "bob");
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "approved", decidedBy: "key:bob" });
    expect(await production()).toBe(2);
    expect(
      (await send("POST", `/v1/change-requests/${request.id}/approve`, "bob")).statusCode,
    ).toBe(409);

    const audit = (
      await send("GET", "/v1/audit?target=two%2Fperson%40production", "admin")
    ).json() as AuditPage;
    expect(audit.items.map((entry) => entry.action)).toEqual([
      "label.move",
      "change-request.approve",
      "change-request.open",
    ]);
  });

  it("refuses a protected label in a new version's labels, and lets a request be rejected", async () => {
    const refused = await send("POST", `${path}/versions`, "alice", {
      template: "v3",
      labels: ["production"],
    });
    expect(refused.statusCode).toBe(409);
    expect(
      ((await send("GET", path, "alice")).json() as GetPromptResponse).prompt.latestVersion,
    ).toBe(2);
    const asked = (
      await send("PUT", `${path}/labels/production`, "alice", { version: 1 })
    ).json() as ChangeRequest;
    const rejected = await send("POST", `/v1/change-requests/${asked.id}/reject`, "alice");
    expect(rejected.json()).toMatchObject({ status: "rejected" });
    expect(await production()).toBe(2);
    const open = (await send("GET", "/v1/change-requests?status=open", "eve")).json() as {
      items: ChangeRequest[];
    };
    expect(open.items).toEqual([]);
    expect((await send("GET", "/v1/change-requests/999999", "eve")).statusCode).toBe(404);
    expect(
      (await send("PUT", `${path}/labels/production`, "alice", { version: 9 })).statusCode,
    ).toBe(404);
    // Unprotected labels still move at once.
    expect((await send("PUT", `${path}/labels/staging`, "eve", { version: 1 })).statusCode).toBe(
      200,
    );
  });
});
