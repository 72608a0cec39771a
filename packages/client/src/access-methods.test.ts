import { QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";

const clientAnswering = useCannedClients();

const key = {
  id: "k1",
  projectId: "default",
  name: "ci",
  prefix: "quire_AbCd",
  role: "editor",
  scope: "write",
  createdAt: "2026-11-21T10:00:00.000Z",
  createdBy: "admin",
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
};

describe("access methods", () => {
  test("createApiKey posts /v1/keys and returns the secret once", async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 201,
      body: { ...key, key: `quire_${"a".repeat(43)}` },
    }));
    const created = await client.createApiKey({ name: "ci", role: "editor" });
    expect(created.key).toMatch(/^quire_/);
    expect(requests[0]).toMatchObject({ method: "POST", url: "/v1/keys" });
    expect(requests[0]?.body).toEqual({ name: "ci", role: "editor" });
  });

  test("listApiKeys, revokeApiKey (id encoded) and listAudit with filters", async () => {
    const { client, requests } = await clientAnswering((request) => {
      if (request.url.startsWith("/v1/audit"))
        return { status: 200, body: { items: [], nextCursor: null } };
      if (request.method === "DELETE")
        return { status: 200, body: { ...key, revokedAt: key.createdAt } };
      return { status: 200, body: { items: [key] } };
    });
    expect((await client.listApiKeys()).items).toHaveLength(1);
    expect((await client.revokeApiKey("a/b")).revokedAt).not.toBeNull();
    await client.listAudit({ action: "label.move", target: "support/", limit: 5, cursor: "9" });
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /v1/keys",
      "DELETE /v1/keys/a%2Fb",
      "GET /v1/audit?action=label.move&target=support%2F&limit=5&cursor=9",
    ]);
  });

  test("refuses an answer that is not the contract's shape", async () => {
    const { client } = await clientAnswering(() => ({ status: 200, body: { items: [{ id: 1 }] } }));
    await expect(client.listApiKeys()).rejects.toBeInstanceOf(QuireError);
  });
});
