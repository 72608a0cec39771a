import type { CreateVersionResponse, Version } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe("50 concurrent version creations over HTTP", () => {
  it("all succeed with distinct consecutive numbers and nothing lost", async () => {
    const name = "concurrency/subject";
    const created = await server.request("POST", "/v1/prompts", { body: { name, template: "v1" } });
    expect(created.status).toBe(201);
    const path = `/v1/prompts/${encodeURIComponent(name)}/versions`;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        server.request<CreateVersionResponse>("POST", path, {
          body: { template: `concurrent ${index}` },
        }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((response) => response.body.version.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, index) => index + 2));

    const listed = await server.request<{ items: Version[] }>("GET", `${path}?limit=500`);
    expect(listed.body.items).toHaveLength(51);
    const templateByNumber = new Map(
      listed.body.items.map((version) => [version.number, version.template]),
    );
    for (const response of responses) {
      expect(templateByNumber.get(response.body.version.number)).toBe(
        response.body.version.template,
      );
    }
    expect(new Set(listed.body.items.map((version) => version.template)).size).toBe(51);
  });
});
