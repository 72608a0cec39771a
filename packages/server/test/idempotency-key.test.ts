import type { CreateVersionResponse } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface ErrorBody {
  error: { code: string; message: string; details: Record<string, unknown> };
}

const withKey = (key: string) => ({ "idempotency-key": key });

describe("Idempotency-Key on writes", () => {
  it("applies a retried create once and replays its answer, audited once", async () => {
    const body = { name: "idem/create", template: "Hello {{name}}" };
    const first = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
      body,
      headers: withKey("create-1"),
    });
    const retry = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
      body,
      headers: withKey("create-1"),
    });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const again = await server.request<ErrorBody>("POST", "/v1/prompts", { body });
    expect(again.status).toBe(409);
    const audit = await server.request<{ items: Array<{ target: string | null }> }>(
      "GET",
      "/v1/audit?limit=500",
    );
    expect(audit.body.items.filter((entry) => entry.target?.includes("idem/create"))).toHaveLength(
      1,
    );
  });

  it("refuses a key reused for another request (422), changing nothing", async () => {
    await server.request("POST", "/v1/prompts", {
      body: { name: "idem/one", template: "one" },
      headers: withKey("reused"),
    });
    const other = await server.request<ErrorBody>("POST", "/v1/prompts", {
      body: { name: "idem/two", template: "two" },
      headers: withKey("reused"),
    });
    expect(other.status).toBe(422);
    expect(other.body.error.message).toContain("used for a different request");
    expect((await server.request("GET", "/v1/prompts/idem%2Ftwo")).status).toBe(404);
  });

  it("lets a failed request be retried with the same key once fixed", async () => {
    const broken = await server.request<ErrorBody>("POST", "/v1/prompts", {
      body: { name: "idem/fixed", template: "Hello {{#if}}" },
      headers: withKey("fix-me"),
    });
    expect(broken.status).toBe(422);
    const fixed = await server.request("POST", "/v1/prompts", {
      body: { name: "idem/fixed", template: "Hello {{name}}" },
      headers: withKey("fix-me"),
    });
    expect(fixed.status).toBe(201);
  });

  it("keeps a retried version write to one version, and one key apart from another caller's", async () => {
    await server.request("POST", "/v1/prompts", {
      body: { name: "idem/versions", template: "v1" },
    });
    const path = "/v1/prompts/idem%2Fversions/versions";
    const answers = await Promise.all(
      [1, 2].map(() =>
        server.request<CreateVersionResponse | ErrorBody>("POST", path, {
          body: { template: "v2 text" },
          headers: withKey("version-2"),
        }),
      ),
    );
    // Sent at once: one is handled, the other replays it or is told to retry (409).
    const statuses = answers.map((answer) => answer.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const versions = await server.request<{ items: unknown[] }>("GET", path);
    expect(versions.body.items).toHaveLength(2);
  });

  it("refuses a malformed key (422) and ignores keys on routes that are not retried writes", async () => {
    const bad = await server.request<ErrorBody>("POST", "/v1/prompts", {
      body: { name: "idem/bad-key", template: "x" },
      headers: withKey("has space"),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toMatchObject({ header: "Idempotency-Key" });
    const read = await server.request("GET", "/v1/prompts", { headers: withKey("has space") });
    expect(read.status).toBe(200);
  });
});
