import {
  type CreateVersionResponse,
  type ErrorResponse,
  type GetPromptResponse,
  getPromptResponseSchema,
  type LabelMove,
  type Prompt,
  promptSchema,
  type RenderResponse,
  renderResponseSchema,
  type Version,
  type VersionDiff,
  versionSchema,
} from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./support/backends.js";
import { encodedName, type TestServer } from "./support/test-server.js";

describe.each(testBackends())("on $name", (backend) => {
  interface Page<Item> {
    items: Item[];
    nextCursor: string | null;
  }

  let server: TestServer;

  beforeAll(async () => {
    server = await backend.start();
  });
  afterAll(async () => {
    await server?.close();
  });

  const names = ["greeting", "support/triage", "team/agents/planner.v2"];
  /** Each name in the canonical percent-encoded form and in the raw slash form. */
  const forms = names.flatMap((name) => [
    { name, form: "encoded", path: encodedName(name) },
    { name, form: "raw", path: name },
  ]);

  describe("GET /healthz", () => {
    it("answers ok without a key", async () => {
      const response = await server.request("GET", "/healthz", { key: null });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: "ok" });
    });
  });

  describe.each(names)("the registry routes with prompt %s", (name) => {
    const encoded = encodedName(name);

    it("creates the prompt with version 1, then versions, labels, reads, diffs and renders", async () => {
      const created = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
        body: {
          name,
          description: "Greets a person",
          tags: ["greeting", "example"],
          template: "Hello {{name}}!",
          inputSchema: { type: "object", properties: { name: { type: "string", default: "you" } } },
          config: { model: "gpt-4o-mini", temperature: 0.2 },
          message: "first",
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.created).toBe(true);
      expect(created.body.version).toMatchObject({
        prompt: name,
        number: 1,
        parentNumber: null,
        type: "text",
        engine: "handlebars",
        author: "admin",
        message: "first",
      });
      expect(created.body.version.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(created.body.prompt).toMatchObject({
        name,
        latestVersion: 1,
        tags: ["greeting", "example"],
      });

      // No production label yet: the newest version, and the response says so.
      const fallback = await server.request<GetPromptResponse>("GET", `/v1/prompts/${encoded}`);
      expect(fallback.status).toBe(200);
      expect(fallback.body).toMatchObject({ label: null, resolvedBy: "latest-fallback" });
      expect(fallback.body.version.number).toBe(1);

      // A new version inherits what it omits (schema, config) from the latest.
      const second = await server.request<CreateVersionResponse>(
        "POST",
        `/v1/prompts/${encoded}/versions`,
        {
          body: { template: "Hello {{name}}, welcome back!", message: "warmer" },
        },
      );
      expect(second.status).toBe(201);
      expect(second.body.version).toMatchObject({
        number: 2,
        parentNumber: 1,
        config: { model: "gpt-4o-mini", temperature: 0.2 },
        inputSchema: created.body.version.inputSchema,
      });

      // Same content again: 200, nothing new.
      const unchanged = await server.request<CreateVersionResponse>(
        "POST",
        `/v1/prompts/${encoded}/versions`,
        {
          body: { template: "Hello {{name}}, welcome back!" },
        },
      );
      expect(unchanged.status).toBe(200);
      expect(unchanged.body.created).toBe(false);
      expect(unchanged.body.version.number).toBe(2);

      const moved = await server.request<LabelMove>(
        "PUT",
        `/v1/prompts/${encoded}/labels/production`,
        {
          body: { version: 1, reason: "first deploy" },
        },
      );
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        prompt: name,
        label: "production",
        fromVersion: null,
        toVersion: 1,
        actor: "admin",
        reason: "first deploy",
      });

      const production = await server.request<GetPromptResponse>("GET", `/v1/prompts/${encoded}`);
      expect(production.body).toMatchObject({ label: "production", resolvedBy: "label" });
      expect(production.body.version.number).toBe(1);
      expect(production.body.version.labels).toEqual(["production"]);

      const latest = await server.request<GetPromptResponse>(
        "GET",
        `/v1/prompts/${encoded}?label=latest`,
      );
      expect(latest.body).toMatchObject({ label: "latest", resolvedBy: "latest" });
      expect(latest.body.version.number).toBe(2);

      const byNumber = await server.request<GetPromptResponse>(
        "GET",
        `/v1/prompts/${encoded}?version=2`,
      );
      expect(byNumber.body).toMatchObject({ label: null, resolvedBy: "version" });
      expect(byNumber.body.version.template).toBe("Hello {{name}}, welcome back!");

      await server.request("PUT", `/v1/prompts/${encoded}/labels/production`, {
        body: { version: 2 },
      });
      const history = await server.request<Page<LabelMove>>(
        "GET",
        `/v1/prompts/${encoded}/labels/history`,
      );
      expect(history.status).toBe(200);
      expect(history.body.items.map((move) => [move.fromVersion, move.toVersion])).toEqual([
        [1, 2],
        [null, 1],
      ]);

      const versions = await server.request<Page<Version>>(
        "GET",
        `/v1/prompts/${encoded}/versions`,
      );
      expect(versions.status).toBe(200);
      expect(versions.body.items.map((version) => version.number)).toEqual([2, 1]);

      const diff = await server.request<VersionDiff>(
        "GET",
        `/v1/prompts/${encoded}/diff?from=1&to=2`,
      );
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({ prompt: name, from: 1, to: 2 });
      expect(diff.body.template.added).toBe(1);
      expect(diff.body.template.removed).toBe(1);
      expect(diff.body.template.unified).toContain("+Hello {{name}}, welcome back!");

      const rendered = await server.request<RenderResponse>(
        "POST",
        `/v1/prompts/${encoded}/render`,
        {
          body: { variables: { name: "Ada" } },
        },
      );
      expect(rendered.status).toBe(200);
      expect(rendered.body).toMatchObject({
        prompt: name,
        version: 2,
        label: "production",
        resolvedBy: "label",
        text: "Hello Ada, welcome back!",
        variables: { name: "Ada" },
      });

      const withDefault = await server.request<RenderResponse>(
        "POST",
        `/v1/prompts/${encoded}/render`,
        {
          body: { version: 1, variables: {} },
        },
      );
      expect(withDefault.body).toMatchObject({
        version: 1,
        text: "Hello you!",
        variables: { name: "you" },
      });
    });
  });

  describe.each(forms)("$form name $name reaches every route", ({ name, form, path }) => {
    it("reads, lists versions, history, diff and renders", async () => {
      const checks: Array<[string, string, unknown]> = [
        ["GET", `/v1/prompts/${path}`, undefined],
        ["GET", `/v1/prompts/${path}?label=production`, undefined],
        ["GET", `/v1/prompts/${path}/versions?limit=1`, undefined],
        ["GET", `/v1/prompts/${path}/labels/history`, undefined],
        ["GET", `/v1/prompts/${path}/diff?from=1&to=2`, undefined],
        ["POST", `/v1/prompts/${path}/render`, { label: "production", variables: { name: "Bo" } }],
        ["PUT", `/v1/prompts/${path}/labels/staging`, { version: 1 }],
      ];
      for (const [method, url, body] of checks) {
        const response = await server.request<{ prompt?: unknown }>(method, url, { body });
        expect(response.status, `${method} ${url}: ${response.text.slice(0, 400)}`).toBe(200);
        const prompt = response.body.prompt;
        expect(
          typeof prompt === "string" ? prompt : ((prompt as Prompt | undefined)?.name ?? name),
        ).toBe(name);
      }
      const created = await server.request<CreateVersionResponse>(
        "POST",
        `/v1/prompts/${path}/versions`,
        {
          body: { template: `Hi {{name}} (${form} ${path})` },
        },
      );
      expect(created.status).toBe(201);
      expect(created.body.version.prompt).toBe(name);
    });
  });

  describe("URL forms", () => {
    it("accepts a trailing slash and HEAD, and reads a percent-encoded name literally", async () => {
      expect((await server.request("GET", "/v1/prompts/support/triage/")).status).toBe(200);
      expect((await server.request("GET", "/v1/prompts/support%2Ftriage/versions/")).status).toBe(
        200,
      );
      const head = await server.request("HEAD", "/v1/prompts/support/triage");
      expect(head.status).toBe(200);
      expect(head.text).toBe("");
      // %252F is an encoded "%2F": the name "support%2Ftriage", which is not a valid name.
      expect((await server.request("GET", "/v1/prompts/support%252Ftriage")).status).toBe(422);
    });
  });

  describe("GET /v1/prompts", () => {
    it("filters by folder prefix, tag and text, and pages with a cursor", async () => {
      for (const suffix of ["alpha", "beta", "gamma"]) {
        const response = await server.request("POST", "/v1/prompts", {
          body: {
            name: `listing/${suffix}`,
            template: `Prompt ${suffix}`,
            tags: suffix === "beta" ? ["special"] : ["plain"],
            description: suffix === "gamma" ? "mentions a unicorn" : "",
          },
        });
        expect(response.status).toBe(201);
      }
      const byPrefix = await server.request<Page<Prompt>>("GET", "/v1/prompts?prefix=listing/");
      expect(byPrefix.body.items.map((prompt) => prompt.name).sort()).toEqual([
        "listing/alpha",
        "listing/beta",
        "listing/gamma",
      ]);
      const byTag = await server.request<Page<Prompt>>("GET", "/v1/prompts?tag=special");
      expect(byTag.body.items.map((prompt) => prompt.name)).toEqual(["listing/beta"]);
      const bySearch = await server.request<Page<Prompt>>("GET", "/v1/prompts?search=unicorn");
      expect(bySearch.body.items.map((prompt) => prompt.name)).toEqual(["listing/gamma"]);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/v1/prompts?prefix=listing/&limit=2${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = await server.request<Page<Prompt>>("GET", query);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((prompt) => prompt.name));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      expect(seen.sort()).toEqual(["listing/alpha", "listing/beta", "listing/gamma"]);
    });
  });

  describe("chat prompts", () => {
    it("infers type chat from a message list and renders messages", async () => {
      const created = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
        body: {
          name: "chat/assistant",
          template: [
            { role: "system", content: "You help with {{topic}}." },
            { role: "user", content: "{{question}}" },
          ],
          inputSchema: {
            type: "object",
            properties: { topic: { type: "string" }, question: { type: "string" } },
            required: ["topic", "question"],
          },
          labels: ["production"],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.version.type).toBe("chat");
      expect(created.body.prompt.labels).toEqual({ production: 1 });
      const rendered = await server.request<RenderResponse>(
        "POST",
        "/v1/prompts/chat%2Fassistant/render",
        {
          body: { variables: { topic: "billing", question: "Why was I charged twice?" } },
        },
      );
      expect(rendered.status).toBe(200);
      expect(rendered.body.text).toBeUndefined();
      expect(rendered.body.messages).toEqual([
        { role: "system", content: [{ text: "You help with billing." }] },
        { role: "user", content: [{ text: "Why was I charged twice?" }] },
      ]);
    });

    it("infers type chat from Dotprompt role markers in a Handlebars string", async () => {
      const created = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
        body: { name: "chat/markers", template: '{{role "system"}}Be brief.{{role "user"}}{{q}}' },
      });
      expect(created.status).toBe(201);
      expect(created.body.version.type).toBe("chat");
      const rendered = await server.request<RenderResponse>(
        "POST",
        "/v1/prompts/chat%2Fmarkers/render",
        { body: { variables: { q: "Hi" } } },
      );
      expect(rendered.body.messages).toEqual([
        { role: "system", content: [{ text: "Be brief." }] },
        { role: "user", content: [{ text: "Hi" }] },
      ]);
      const misuse = await server.request<ErrorResponse>("POST", "/v1/prompts", {
        body: { name: "chat/misuse", template: "You are {{role}}." },
      });
      expect(misuse.status).toBe(422);
      expect(misuse.body.error.code).toBe("TEMPLATE_SYNTAX");
      expect(misuse.body.error.message).toContain("{{this.role}}");
    });

    it("accepts Picoschema as the input schema and stores it as JSON Schema", async () => {
      const created = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
        body: {
          name: "picoschema/example",
          template: "Tell {{name}} about {{topic}}",
          inputSchema: { name: "string", "topic?": "string, what to talk about" },
        },
      });
      expect(created.status, created.text.slice(0, 400)).toBe(201);
      expect(created.body.version.inputSchema).toMatchObject({
        type: "object",
        properties: { name: { type: "string" }, topic: { type: ["string", "null"] } },
        required: ["name"],
      });
    });
  });

  describe("the hot read routes (sent without a schema pass)", () => {
    it("answer exactly the contract's fields", async () => {
      const strictGet = getPromptResponseSchema
        .extend({ prompt: promptSchema.strict(), version: versionSchema.strict() })
        .strict();
      const strictRender = renderResponseSchema.strict();
      for (const query of ["", "?label=latest", "?version=1"]) {
        const response = await server.request("GET", `/v1/prompts/chat%2Fassistant${query}`);
        expect(response.status).toBe(200);
        expect(() => strictGet.parse(response.body)).not.toThrow();
      }
      const rendered = await server.request("POST", "/v1/prompts/chat%2Fassistant/render", {
        body: { variables: { topic: "a", question: "b" } },
      });
      expect(() => strictRender.parse(rendered.body)).not.toThrow();
      const text = await server.request("POST", "/v1/prompts/greeting/render", {
        body: { variables: {} },
      });
      expect(() => strictRender.parse(text.body)).not.toThrow();
    });
  });
});
