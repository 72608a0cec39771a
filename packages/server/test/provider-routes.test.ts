import { listProvidersResponseSchema } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shownBaseUrl } from "../src/providers/provider-routes.js";
import { startTestServer, type TestServer } from "./support/test-server.js";

const secret = "sk-provider-secret-0123456789";
const variable = "QUIRE_PROVIDER_ROUTE_TEST_KEY";

describe("GET /v1/providers", () => {
  let server: TestServer;

  beforeAll(async () => {
    process.env[variable] = secret;
    server = await startTestServer({
      providers: [
        {
          name: "team",
          kind: "openai-compatible",
          baseUrl: "http://proxy-user:proxy-pass@127.0.0.1:9/v1?token=abc",
          models: ["small", "large"],
          embeddingModels: ["embed"],
          apiKeyEnv: variable,
        },
        {
          name: "later",
          kind: "openai",
          models: ["gpt-4o-mini"],
          apiKeyEnv: "QUIRE_UNSET_KEY_VAR",
        },
      ],
    });
  });
  afterAll(async () => {
    await server?.close();
    delete process.env[variable];
  });

  it("lists each provider's models and whether its key is set, never the key or URL secrets", async () => {
    const response = await server.request("GET", "/v1/providers");
    expect(response.status).toBe(200);
    const body = listProvidersResponseSchema.parse(response.body);
    expect(body.items).toEqual([
      {
        name: "team",
        kind: "openai-compatible",
        baseUrl: "http://127.0.0.1:9/v1",
        models: ["team/small", "team/large"],
        embeddingModels: ["team/embed"],
        apiKeyEnv: variable,
        apiKeySet: true,
      },
      expect.objectContaining({
        name: "later",
        models: ["later/gpt-4o-mini"],
        apiKeyEnv: "QUIRE_UNSET_KEY_VAR",
        apiKeySet: false,
      }),
    ]);
    for (const hidden of [secret, "proxy-pass", "proxy-user", "token=abc"]) {
      expect(response.text).not.toContain(hidden);
    }
  });

  it("needs authentication", async () => {
    const response = await server.request("GET", "/v1/providers", { key: null });
    expect(response.status).toBe(401);
  });

  it("answers an empty list when no providers are configured", async () => {
    const bare = await startTestServer();
    try {
      const response = await bare.request("GET", "/v1/providers");
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: [] });
    } finally {
      await bare.close();
    }
  });
});

describe("shownBaseUrl", () => {
  it("keeps the protocol, host and path only", () => {
    expect(shownBaseUrl("https://u:p@api.example.test:8443/v1/?k=1#x")).toBe(
      "https://api.example.test:8443/v1/",
    );
    expect(shownBaseUrl("http://127.0.0.1:11434")).toBe("http://127.0.0.1:11434");
    expect(shownBaseUrl("not a url")).toBe("(not a URL)");
  });
});
