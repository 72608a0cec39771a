import { QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";

const clientAnswering = useCannedClients();

const member = {
  userId: "u1",
  email: "ada@example.com",
  name: "Ada",
  role: "editor",
  since: "2026-11-21T10:00:00.000Z",
};
const settings = {
  projectId: "default",
  name: "Default",
  protectedLabels: ["production"],
  twoPersonRule: false,
  allowJavaScriptAssertions: true,
};
const provider = {
  name: "local",
  kind: "openai-compatible",
  baseUrl: "http://127.0.0.1:11434/v1",
  models: ["local/llama"],
  embeddingModels: [],
  apiKeyEnv: null,
  apiKeySet: false,
};

describe("project methods", () => {
  test("listMembers and setMember use /v1/members", async () => {
    const { client, requests } = await clientAnswering((request) =>
      request.method === "PUT"
        ? { status: 200, body: { ...member, role: "publisher" } }
        : { status: 200, body: { items: [member] } },
    );
    expect((await client.listMembers()).items).toEqual([member]);
    const changed = await client.setMember({ email: member.email, role: "publisher" });
    expect(changed.role).toBe("publisher");
    expect(requests[1]).toMatchObject({ method: "PUT", url: "/v1/members" });
    expect(requests[1]?.body).toEqual({ email: member.email, role: "publisher" });
  });

  test("getSettings, updateSettings and listProviders", async () => {
    const { client, requests } = await clientAnswering((request) => {
      if (request.url === "/v1/providers") return { status: 200, body: { items: [provider] } };
      return { status: 200, body: settings };
    });
    expect(await client.getSettings()).toEqual(settings);
    await client.updateSettings({ name: "Default" });
    expect(requests[1]).toMatchObject({ method: "PUT", url: "/v1/settings" });
    expect((await client.listProviders()).items[0]?.models).toEqual(["local/llama"]);
  });

  test("an answer that breaks the contract is an error, not data", async () => {
    const { client } = await clientAnswering(() => ({
      status: 200,
      body: { items: [{ ...provider, apiKeySet: "yes" }] },
    }));
    await expect(client.listProviders()).rejects.toBeInstanceOf(QuireError);
  });

  test("a refusal keeps the server's code", async () => {
    const { client } = await clientAnswering(() => ({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "Needs the admin role." } },
    }));
    await expect(client.listMembers()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
