import type {
  ComponentInclusionResponse,
  CreateVersionResponse,
  ErrorResponse,
  PromptContent,
  RenderResponse,
} from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../../src/prompts/content-hash.js";
import { testBackends } from "../support/backends.js";
import { encodedName, type TestServer } from "../support/test-server.js";

describe.each(testBackends())("components over HTTP on $name", (backend) => {
  let server: TestServer;
  let counter = 0;
  /** Names no other test of this file uses. */
  const unique = (suffix: string) => `c${++counter}/${suffix}`;

  beforeAll(async () => {
    server = await backend.start();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function create(name: string, template: unknown, extra: Record<string, unknown> = {}) {
    const response = await server.request<CreateVersionResponse>("POST", "/v1/prompts", {
      body: { name, template, ...extra },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function version(name: string, template: unknown, extra: Record<string, unknown> = {}) {
    const response = await server.request<CreateVersionResponse>(
      "POST",
      `/v1/prompts/${encodedName(name)}/versions`,
      { body: { template, ...extra } },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function moveLabel(name: string, label: string, to: number) {
    return server.request<ErrorResponse>(
      "PUT",
      `/v1/prompts/${encodedName(name)}/labels/${label}`,
      { body: { version: to } },
    );
  }

  function render(name: string, body: Record<string, unknown> = {}, query = "") {
    return server.request<RenderResponse & ErrorResponse>(
      "POST",
      `/v1/prompts/${encodedName(name)}/render${query}`,
      { body: { variables: {}, ...body } },
    );
  }

  it("renders components by label, version and latest, with the provenance of each", async () => {
    const guidelines = unique("guidelines");
    const triage = unique("triage");
    await create(guidelines, "Be brief with {{customer}}.", { labels: ["production"] });
    await version(guidelines, "Be thorough with {{customer}}.");
    await create(
      triage,
      `{{> ${guidelines}@production}}\n{{> ${guidelines}:2}}\n{{> ${guidelines}}}\nTicket: {{ticket}}`,
      { labels: ["production"] },
    );
    const response = await render(triage, { variables: { customer: "Ann", ticket: "T-1" } });
    expect(response.status).toBe(200);
    expect(response.body.text).toBe(
      "Be brief with Ann.\nBe thorough with Ann.\nBe thorough with Ann.\nTicket: T-1",
    );
    expect(response.body.provenance).toEqual({
      prompt: triage,
      version: 1,
      components: [
        {
          name: guidelines,
          version: 1,
          reference: `${guidelines}@production`,
          requested: "label",
          label: "production",
        },
        { name: guidelines, version: 2, reference: `${guidelines}:2`, requested: "version" },
        { name: guidelines, version: 2, reference: guidelines, requested: "latest" },
      ],
    });
  });

  it("a moved label or a new latest version of a component changes what includers render", async () => {
    const tone = unique("tone");
    const reply = unique("reply");
    await create(tone, "calm", { labels: ["production"] });
    await create(reply, `[{{> ${tone}@production}}] [{{> ${tone}}}]`);
    expect((await render(reply)).body.text).toBe("[calm] [calm]");
    await version(tone, "loud");
    expect((await render(reply)).body.text).toBe("[calm] [loud]");
    expect((await moveLabel(tone, "production", 2)).status).toBe(200);
    const moved = await render(reply);
    expect(moved.body.text).toBe("[loud] [loud]");
    expect(moved.body.provenance.components.map((component) => component.version)).toEqual([2, 2]);
    expect((await moveLabel(tone, "production", 1)).status).toBe(200);
    expect((await render(reply)).body.text).toBe("[calm] [loud]");
  });

  it("refuses a version that includes an unknown component with 422 naming it and its line, storing nothing", async () => {
    const name = unique("broken");
    const response = await server.request<ErrorResponse>("POST", "/v1/prompts", {
      body: { name, template: "Hello\n  {{> nowhere/to-be-found@production}}" },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toMatchObject({
      reason: "component-not-found",
      component: "nowhere/to-be-found@production",
      line: 2,
      column: 3,
    });
    expect(response.body.error.message).toContain('"nowhere/to-be-found@production"');
    expect(response.body.error.message).toContain("line 2, column 3");
    expect((await server.request("GET", `/v1/prompts/${encodedName(name)}`)).status).toBe(404);
  });

  it("refuses a version that would close a cycle, naming it", async () => {
    const first = unique("a");
    const second = unique("b");
    await create(first, "A");
    await create(second, `B {{> ${first}}}`);
    const response = await server.request<ErrorResponse>(
      "POST",
      `/v1/prompts/${encodedName(first)}/versions`,
      { body: { template: `A {{> ${second}}}` } },
    );
    expect(response.status).toBe(422);
    expect(response.body.error.details).toMatchObject({
      reason: "component-cycle",
      cycle: [first, second, first],
    });
    expect(response.body.error.message).toContain(`${first} → ${second} → ${first}`);
  });

  it("a render that meets a cycle (made by later versions) is 422 naming it; a label move that would make one is refused", async () => {
    const outer = unique("outer");
    const inner = unique("inner");
    await create(outer, "outer v1", { labels: ["production"] });
    await create(inner, "inner v1");
    await version(outer, `outer v2 {{> ${inner}}}`);
    // inner:2 includes outer@production, still v1 (no components): no cycle yet.
    await version(inner, `inner v2 {{> ${outer}@production}}`);
    expect((await render(outer, { label: "production" })).body.text).toBe("outer v1");
    const latest = await render(outer, { label: "latest" });
    expect(latest.status).toBe(422);
    expect(latest.body.error.details.cycle).toEqual([outer, inner, outer]);
    const move = await moveLabel(outer, "production", 2);
    expect(move.status).toBe(422);
    expect(move.body.error.details.reason).toBe("component-cycle");
    expect((await render(outer)).body.text).toBe("outer v1");
  });

  it("a render that includes an unknown component is 422 naming it and the line", async () => {
    // Written by a store caller that skipped the service's checks.
    const name = unique("direct");
    const content: PromptContent = {
      type: "text",
      engine: "handlebars",
      template: "line one\nline two {{> gone/away}}",
      inputSchema: null,
      outputSchema: null,
      config: {},
      metadata: {},
    };
    await server.server.store.createPrompt({
      name,
      description: "",
      tags: [],
      content,
      contentHash: contentHash(content),
      provenance: { message: "", author: "test" },
      labels: [],
    });
    const response = await render(name);
    expect(response.status).toBe(422);
    expect(response.body.error.details).toMatchObject({
      reason: "component-not-found",
      component: "gone/away",
      line: 2,
      column: 10,
    });
  });

  it("a chat prompt includes chat components: text inside a message, messages as a whole message", async () => {
    const rules = unique("rules");
    const shots = unique("shots");
    const chat = unique("chat");
    await create(rules, [{ role: "system", content: "Rule: {{rule}}" }]);
    await create(shots, [
      { role: "user", content: "2+2?" },
      { role: "assistant", content: "4" },
    ]);
    await create(chat, [
      { role: "system", content: `Answer in digits. {{> ${rules}}}` },
      { role: "user", content: `{{> ${shots}}}` },
      { role: "user", content: "{{question}}" },
    ]);
    const response = await render(chat, { variables: { rule: "no words", question: "3+3?" } });
    expect(response.body.messages).toEqual([
      { role: "system", content: [{ text: "Answer in digits. Rule: no words" }] },
      { role: "user", content: [{ text: "2+2?" }] },
      { role: "assistant", content: [{ text: "4" }] },
      { role: "user", content: [{ text: "3+3?" }] },
    ]);
    const refused = await server.request<ErrorResponse>("POST", "/v1/prompts", {
      body: { name: unique("text"), template: `Examples: {{> ${shots}}}` },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.reason).toBe("component-placement");
  });

  it("lists used-by with selectors and what each selects now, in both URL forms", async () => {
    const part = unique("part");
    const user = unique("user");
    await create(part, "P", { labels: ["production"] });
    await version(part, "P2");
    await create(user, `{{> ${part}@production}} {{> ${part}}}`, { labels: ["production"] });
    for (const path of [encodedName(part), part]) {
      const response = await server.request<{ items: ComponentInclusionResponse[] }>(
        "GET",
        `/v1/prompts/${path}/used-by`,
      );
      expect(response.status).toBe(200);
      expect(response.body.items).toEqual([
        {
          prompt: user,
          version: 1,
          reference: part,
          requested: "latest",
          label: null,
          componentVersion: null,
          labels: ["production"],
          latest: true,
          resolvesTo: 2,
        },
        {
          prompt: user,
          version: 1,
          reference: `${part}@production`,
          requested: "label",
          label: "production",
          componentVersion: null,
          labels: ["production"],
          latest: true,
          resolvesTo: 1,
        },
      ]);
    }
    const unknown = await server.request(
      "GET",
      `/v1/prompts/${encodedName(unique("none"))}/used-by`,
    );
    expect(unknown.status).toBe(404);
  });

  it("refuses a malformed component role in metadata", async () => {
    const response = await server.request<ErrorResponse>("POST", "/v1/prompts", {
      body: { name: unique("role"), template: "x", metadata: { component: { role: "rules" } } },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.message).toContain("metadata.component.role must be one of");
  });
});
