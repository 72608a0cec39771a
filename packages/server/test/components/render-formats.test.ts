import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTokenizer, loadedEncoder } from "@quire/core";
import { openStore, type PromptStore } from "@quire/store";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPrefix, generateApiKey, hashApiKey } from "../../src/auth/api-key.js";
import { buildApp, type QuireApp } from "../../src/index.js";

/**
 * `/render` with `format` and `model`, through Fastify's inject on a real PGlite store. Checked
 * first in this file (a fresh module graph): building the app loads the token encoders by itself,
 * before any request asks for a count.
 */
let dataDirectory: string;
let store: PromptStore;
let built: QuireApp;
let key: string;

beforeAll(async () => {
  dataDirectory = await mkdtemp(join(tmpdir(), "quire-render-formats-"));
  store = await openStore({ dataDirectory });
  expect(loadedEncoder("o200k_base")).toBeUndefined();
  built = await buildApp({ store, logLevel: "silent" });
  key = generateApiKey();
  await store.createApiKey({
    name: "test",
    prefix: displayPrefix(key),
    hash: hashApiKey(key),
    scope: "admin",
  });
});
afterAll(async () => {
  await built?.app.close();
  await store?.close();
  await rm(dataDirectory, { recursive: true, force: true });
});

async function request(method: "GET" | "POST" | "PUT", url: string, payload?: unknown) {
  const response = await built.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: response.statusCode, body: response.json() as Record<string, unknown> };
}

describe("/render with format and model", () => {
  it("loads the token encoders at start, in the background, with no request", async () => {
    const started = Date.now();
    while (
      loadedEncoder("o200k_base") === undefined ||
      loadedEncoder("cl100k_base") === undefined
    ) {
      expect(Date.now() - started).toBeLessThan(10_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });

  it("answers a chat prompt as an Anthropic payload (query) with exact OpenAI token counts (body)", async () => {
    await request("POST", "/v1/prompts", {
      name: "formats/chat",
      template: [
        { role: "system", content: "You sort tickets." },
        { role: "user", content: "Ticket: {{ticket}}" },
      ],
    });
    const response = await request("POST", "/v1/prompts/formats%2Fchat/render?format=anthropic", {
      variables: { ticket: "refund" },
      model: "gpt-4o",
    });
    expect(response.status).toBe(200);
    expect(response.body.format).toBe("anthropic-messages");
    expect(response.body.formatted).toEqual({
      system: "You sort tickets.",
      messages: [{ role: "user", content: [{ type: "text", text: "Ticket: refund" }] }],
    });
    const tokenizer = await getTokenizer({ model: "gpt-4o" });
    expect(response.body.tokens).toEqual({
      model: "gpt-4o",
      count: tokenizer.countMessages(response.body.messages as never),
      estimate: false,
      encoding: "o200k_base",
      contextWindow: 128000,
    });
  });

  it("formats a text prompt as one user message, and flags estimates for other families", async () => {
    await request("POST", "/v1/prompts", { name: "formats/text", template: "Hello {{name}}" });
    const openai = await request("POST", "/v1/prompts/formats%2Ftext/render", {
      variables: { name: "Ann" },
      format: "openai",
    });
    expect(openai.body.formatted).toEqual({ messages: [{ role: "user", content: "Hello Ann" }] });
    const chatml = await request(
      "POST",
      "/v1/prompts/formats%2Ftext/render?format=chatml&model=claude-sonnet-4",
      { variables: { name: "Ann" } },
    );
    expect(chatml.body.formatted).toEqual({
      text: "<|im_start|>user\nHello Ann<|im_end|>\n<|im_start|>assistant\n",
    });
    expect(chatml.body.tokens).toMatchObject({ model: "claude-sonnet-4", estimate: true });
    const plain = await request("POST", "/v1/prompts/formats%2Ftext/render", {
      variables: { name: "Ann" },
    });
    expect(plain.body).not.toHaveProperty("formatted");
    expect(plain.body).not.toHaveProperty("tokens");
  });

  it("refuses an unknown format, and a format given differently in query and body", async () => {
    const unknown = await request("POST", "/v1/prompts/formats%2Ftext/render?format=word", {});
    expect(unknown.status).toBe(422);
    const twice = await request("POST", "/v1/prompts/formats%2Ftext/render?format=gemini", {
      format: "llama3",
    });
    expect(twice.status).toBe(422);
    expect(JSON.stringify(twice.body)).toContain("format is given twice");
  });

  it("documents format, model, provenance, formatted, tokens and used-by in OpenAPI", async () => {
    const document = (await built.app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string }[];
            responses: Record<
              string,
              { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
            >;
          }
        >
      >;
    };
    const renderRoute = document.paths["/v1/prompts/{name}/render"]?.post;
    expect(
      renderRoute?.parameters
        ?.filter((parameter) => parameter.in === "query")
        .map((parameter) => parameter.name),
    ).toEqual(["format", "model"]);
    const properties =
      renderRoute?.responses["200"]?.content["application/json"]?.schema.properties ?? {};
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining(["provenance", "format", "formatted", "tokens"]),
    );
    const usedBy = document.paths["/v1/prompts/{name}/used-by"]?.get;
    expect(usedBy?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["limit", "cursor", "versions"]),
    );
  });
});
