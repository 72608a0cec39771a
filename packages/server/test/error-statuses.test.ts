import type { ErrorResponse, GetPromptResponse, LabelMove, Version } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey } from "../src/index.js";
import { testBackends } from "./support/backends.js";
import type { TestServer } from "./support/test-server.js";

describe.each(testBackends())("on $name", (backend) => {
  interface Page<Item> {
    items: Item[];
    nextCursor: string | null;
  }

  let server: TestServer;
  const name = "errors/subject";
  const path = `/v1/prompts/${encodeURIComponent(name)}`;

  /** Everything stored about the subject prompt, to check that failed requests change nothing. */
  async function snapshot() {
    const versions = await server.request<Page<Version>>("GET", `${path}/versions?limit=500`);
    const history = await server.request<Page<LabelMove>>(
      "GET",
      `${path}/labels/history?limit=500`,
    );
    const prompt = await server.request<GetPromptResponse>("GET", `${path}?label=latest`);
    const list = await server.request<Page<unknown>>("GET", "/v1/prompts?limit=500");
    return {
      versions: versions.body.items,
      history: history.body.items,
      prompt: prompt.body.prompt,
      count: list.body.items.length,
    };
  }

  function expectError(
    response: { status: number; body: unknown; text: string },
    status: number,
    code: string,
  ) {
    expect(response.status, response.text.slice(0, 400)).toBe(status);
    const body = response.body as ErrorResponse;
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(body.error.message).not.toMatch(/\.\.$/);
    expect(typeof body.error.details).toBe("object");
    expect(response.text.slice(0, 400)).not.toMatch(/\n\s+at /); // no stack trace
  }

  beforeAll(async () => {
    server = await backend.start({ bodyLimitBytes: 200_000 });
    const created = await server.request("POST", "/v1/prompts", {
      body: {
        name,
        template: "Hello {{name}}, you are {{age}}",
        inputSchema: {
          type: "object",
          properties: { name: { type: "string" }, age: { type: "integer" } },
          required: ["name"],
        },
        labels: ["production"],
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  describe("error statuses, each leaving stored data as it was", () => {
    it("400 for malformed JSON, saying where it broke", async () => {
      const before = await snapshot();
      const response = await server.request("POST", `${path}/versions`, {
        rawBody: '{\n  "template": "Hi"\n  "message": "x"\n}',
      });
      expectError(response, 400, "BAD_REQUEST");
      expect((response.body as ErrorResponse).error.details).toMatchObject({ line: 3, column: 3 });
      expect((response.body as ErrorResponse).error.message).toContain("line 3, column 3");
      expectError(await server.request("POST", "/v1/prompts", { rawBody: "" }), 400, "BAD_REQUEST");
      expectError(
        await server.request("POST", "/v1/prompts", {
          rawBody: "name=x",
          headers: { "content-type": "text/plain" },
        }),
        400,
        "BAD_REQUEST",
      );
      expect(await snapshot()).toEqual(before);
    });

    it("401 for a missing, malformed, unknown or revoked key, with a clear message", async () => {
      const before = await snapshot();
      const missing = await server.request("GET", path, { key: null });
      expectError(missing, 401, "UNAUTHORIZED");
      expect((missing.body as ErrorResponse).error.message).toContain("Authorization");
      const malformed = await server.request("GET", path, {
        headers: { authorization: "Token abc" },
      });
      expectError(malformed, 401, "UNAUTHORIZED");
      expect((malformed.body as ErrorResponse).error.message).toContain("Malformed");
      const unknown = await server.request("POST", `${path}/versions`, {
        key: `quire_${"A".repeat(43)}`,
        body: { template: "sneaky" },
      });
      expectError(unknown, 401, "UNAUTHORIZED");
      expect((unknown.body as ErrorResponse).error.message).toContain("Unknown API key");
      const revokedKey = generateApiKey();
      const record = await server.server.store.createApiKey({
        name: "departed",
        prefix: "quire_gone",
        hash: hashApiKey(revokedKey),
        scope: "write",
      });
      await server.server.store.revokeApiKey(record.id);
      const revoked = await server.request("POST", `${path}/versions`, {
        key: revokedKey,
        body: { template: "from a revoked key" },
      });
      expectError(revoked, 401, "UNAUTHORIZED");
      expect((revoked.body as ErrorResponse).error.message).toContain("revoked");
      expect(await snapshot()).toEqual(before);
    });

    it("404 for an unknown prompt, version, label or route", async () => {
      const before = await snapshot();
      const unknownPrompt = await server.request("GET", "/v1/prompts/errors%2Fnope");
      expectError(unknownPrompt, 404, "NOT_FOUND");
      expect((unknownPrompt.body as ErrorResponse).error.message).toContain('"errors/nope"');
      expectError(await server.request("GET", `${path}?version=99`), 404, "NOT_FOUND");
      expectError(await server.request("GET", `${path}?label=staging`), 404, "NOT_FOUND");
      expectError(
        await server.request("PUT", `${path}/labels/staging`, { body: { version: 42 } }),
        404,
        "NOT_FOUND",
      );
      expectError(await server.request("GET", `${path}/diff?from=1&to=7`), 404, "NOT_FOUND");
      expectError(
        await server.request("POST", "/v1/prompts/errors%2Fnope/versions", {
          body: { template: "x" },
        }),
        404,
        "NOT_FOUND",
      );
      expectError(
        await server.request("POST", "/v1/prompts/errors%2Fnope/render", {
          body: { variables: {} },
        }),
        404,
        "NOT_FOUND",
      );
      const unknownRoute = await server.request("GET", "/v2/nothing");
      expectError(unknownRoute, 404, "NOT_FOUND");
      expect(unknownRoute.headers.get("content-type")).toContain("application/json");
      expect(await snapshot()).toEqual(before);
    });

    it("409 when the prompt already exists", async () => {
      const before = await snapshot();
      const response = await server.request("POST", "/v1/prompts", {
        body: { name, template: "Other" },
      });
      expectError(response, 409, "CONFLICT");
      expect(await snapshot()).toEqual(before);
    });

    it("413 for a body over the limit and for a template over 100 KB", async () => {
      const before = await snapshot();
      const huge = await server.request("POST", `${path}/versions`, {
        body: { template: "x".repeat(300_000) },
      });
      expectError(huge, 413, "PAYLOAD_TOO_LARGE");
      expect((huge.body as ErrorResponse).error.details).toMatchObject({ limitBytes: 200_000 });
      const bigTemplate = await server.request("POST", `${path}/versions`, {
        body: { template: "y".repeat(101 * 1024) },
      });
      expectError(bigTemplate, 413, "PAYLOAD_TOO_LARGE");
      expect(await snapshot()).toEqual(before);
    });

    it("422 for schema-invalid requests, listing each field path and problem", async () => {
      const before = await snapshot();
      const invalid = await server.request("POST", "/v1/prompts", {
        body: { name: "bad name!", template: 42, tags: ["has space"], config: "hot" },
      });
      expectError(invalid, 422, "VALIDATION_FAILED");
      const issues = (invalid.body as ErrorResponse).error.details.issues as Array<{
        path: string;
      }>;
      expect(issues.map((issue) => issue.path).sort()).toEqual([
        "config",
        "name",
        "tags.0",
        "template",
      ]);
      expect((invalid.body as ErrorResponse).error.message).toContain("name: Invalid prompt name");

      expectError(
        await server.request("PUT", `${path}/labels/123`, { body: { version: 1 } }),
        422,
        "VALIDATION_FAILED",
      );
      expectError(
        await server.request("PUT", `${path}/labels/latest`, { body: { version: 1 } }),
        422,
        "VALIDATION_FAILED",
      );
      expectError(await server.request("GET", `${path}?version=abc`), 422, "VALIDATION_FAILED");
      expectError(
        await server.request("GET", "/v1/prompts?limit=100000"),
        422,
        "VALIDATION_FAILED",
      );
      expectError(
        await server.request("GET", `${path}?label=production&version=1`),
        422,
        "VALIDATION_FAILED",
      );
      expectError(await server.request("GET", "/v1/prompts/bad%20name"), 422, "VALIDATION_FAILED");
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ["handlebars", "Hello {{#if name}}unclosed"],
      ["jinja2", "Hello {% if name %}unclosed"],
      ["liquid", "Hello {% if name %}unclosed"],
      ["mustache", "Hello {{#name}}unclosed"],
    ])(
      "422 TEMPLATE_SYNTAX for a %s syntax error, with line and column",
      async (engine, template) => {
        const before = await snapshot();
        const response = await server.request("POST", `${path}/versions`, {
          body: { engine, template },
        });
        expectError(response, 422, "TEMPLATE_SYNTAX");
        expect((response.body as ErrorResponse).error.details).toMatchObject({ engine });
        const created = await server.request("POST", "/v1/prompts", {
          body: { name: `errors/syntax-${engine}`, engine, template },
        });
        expectError(created, 422, "TEMPLATE_SYNTAX");
        expect(await snapshot()).toEqual(before);
      },
    );

    it("422 for variables of the wrong type, missing or (strict) unknown, naming the variable", async () => {
      const wrongType = await server.request("POST", `${path}/render`, {
        body: { variables: { name: "Ada", age: "old" } },
      });
      expectError(wrongType, 422, "VALIDATION_FAILED");
      expect((wrongType.body as ErrorResponse).error.message).toContain("age");
      const missing = await server.request("POST", `${path}/render`, { body: { variables: {} } });
      expectError(missing, 422, "VALIDATION_FAILED");
      expect((missing.body as ErrorResponse).error.message).toContain("name");
      const unknown = await server.request("POST", `${path}/render`, {
        body: { variables: { name: "Ada", shoeSize: 44 }, strict: true },
      });
      expectError(unknown, 422, "VALIDATION_FAILED");
      expect((unknown.body as ErrorResponse).error.message).toContain("shoeSize");
    });

    it("403 when a read-only key writes", async () => {
      const readKey = generateApiKey();
      await server.server.store.createApiKey({
        name: "reader",
        prefix: "quire_read",
        hash: hashApiKey(readKey),
        scope: "read",
      });
      const before = await snapshot();
      expect((await server.request("GET", path, { key: readKey })).status).toBe(200);
      expect(
        (
          await server.request("POST", `${path}/render`, {
            key: readKey,
            body: { variables: { name: "A" } },
          })
        ).status,
      ).toBe(200);
      expectError(
        await server.request("POST", `${path}/versions`, {
          key: readKey,
          body: { template: "nope" },
        }),
        403,
        "FORBIDDEN",
      );
      expect(await snapshot()).toEqual(before);
    });
  });
});
