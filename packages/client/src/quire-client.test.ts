import { QuireError } from "@quire/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";
import { startCannedServer } from "../test/canned-http-server.js";
import {
  sampleCreated,
  sampleDiff,
  sampleMove,
  samplePrompt,
  sampleVersion,
} from "../test/sample-responses.js";
import { promptPath } from "./prompt-path.js";
import { createQuireClient } from "./quire-client.js";

const clientAnswering = useCannedClients();

async function caught(promise: Promise<unknown>): Promise<QuireError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QuireError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("requests", () => {
  test("createPrompt posts the request as JSON with the bearer key and returns the parsed answer", async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 201,
      body: sampleCreated,
    }));
    const answer = await client.createPrompt(
      { name: "support/triage", template: "Hello {{name}}" },
      { idempotencyKey: "push-1" },
    );
    expect(answer).toEqual(sampleCreated);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe("/v1/prompts");
    expect(requests[0]?.headers.authorization).toBe("Bearer qk_test");
    expect(requests[0]?.headers["content-type"]).toBe("application/json");
    expect(requests[0]?.headers["idempotency-key"]).toBe("push-1");
    expect(requests[0]?.body).toEqual({ name: "support/triage", template: "Hello {{name}}" });
  });

  test("getPrompt percent-encodes a name with slashes and sends the label", async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 200,
      body: { prompt: samplePrompt, version: sampleVersion, label: "staging", resolvedBy: "label" },
    }));
    const answer = await client.getPrompt("support/triage", { label: "staging" });
    expect(answer.version.number).toBe(2);
    expect(requests[0]?.url).toBe("/v1/prompts/support%2Ftriage?label=staging");
    await client.getPrompt("support/triage", { version: 1 });
    expect(requests[1]?.url).toBe("/v1/prompts/support%2Ftriage?version=1");
  });

  test("getPrompt refuses a label and a version together without sending anything", async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 500 }));
    expect(() => client.getPrompt("a", { label: "production", version: 2 })).toThrow(
      /either a label/,
    );
    expect(requests).toHaveLength(0);
  });

  test("moveLabel answers the change request a two-person rule opened (202) instead of a move", async () => {
    const changeRequest = {
      id: "7",
      projectId: "default",
      prompt: "a/b",
      label: "production",
      fromVersion: 1,
      toVersion: 2,
      reason: "ship",
      author: "key:ci",
      status: "open",
      decidedBy: null,
      createdAt: "2026-11-21T10:00:00.000Z",
      decidedAt: null,
    };
    const { client } = await clientAnswering(() => ({ status: 202, body: changeRequest }));
    expect(await client.moveLabel("a/b", "production", 2)).toEqual({
      status: "pending-approval",
      changeRequest,
    });
  });

  test("createVersion, listVersions, moveLabel, labelHistory, diff and render use their routes", async () => {
    const { client, requests } = await clientAnswering((request) => {
      if (request.url.includes("/render")) {
        return {
          status: 200,
          body: {
            prompt: "a/b",
            version: 2,
            label: null,
            resolvedBy: "version",
            text: "Hi",
            variables: { x: 1 },
            provenance: { prompt: "a/b", version: 2, components: [] },
          },
        };
      }
      if (request.url.includes("/diff")) return { status: 200, body: sampleDiff };
      if (request.url.includes("/labels/history"))
        return { status: 200, body: { items: [sampleMove], nextCursor: null } };
      if (request.method === "PUT") return { status: 200, body: sampleMove };
      if (request.method === "GET")
        return { status: 200, body: { items: [sampleVersion], nextCursor: null } };
      return { status: 201, body: sampleCreated };
    });
    await client.createVersion("a/b", { template: "x", message: "m" });
    await client.listVersions("a/b", { limit: 10 });
    const move = await client.moveLabel("a/b", "production", 2, { reason: "ship" });
    const history = await client.labelHistory("a/b");
    const diff = await client.diff("a/b", 1, 2);
    const rendered = await client.render("a/b", { version: 2, variables: { x: 1 }, strict: true });

    expect(move).toEqual({ status: "moved", move: sampleMove });
    expect(history.items).toEqual([sampleMove]);
    expect(diff).toEqual(sampleDiff);
    expect(rendered.text).toBe("Hi");
    expect(requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /v1/prompts/a%2Fb/versions",
      "GET /v1/prompts/a%2Fb/versions?limit=10",
      "PUT /v1/prompts/a%2Fb/labels/production",
      "GET /v1/prompts/a%2Fb/labels/history",
      "GET /v1/prompts/a%2Fb/diff?from=1&to=2",
      "POST /v1/prompts/a%2Fb/render",
    ]);
    expect(requests[0]?.body).toEqual({ template: "x", message: "m" });
    expect(requests[2]?.body).toEqual({ version: 2, reason: "ship" });
    expect(requests[5]?.body).toEqual({ version: 2, variables: { x: 1 }, strict: true });
  });

  test("iteratePrompts follows nextCursor until the last page", async () => {
    const pages: Record<string, { names: string[]; next: string | null }> = {
      start: { names: ["a", "b"], next: "c1" },
      c1: { names: ["c"], next: "c2" },
      c2: { names: ["d"], next: null },
    };
    const { client, requests } = await clientAnswering((request) => {
      const cursor = new URL(request.url, "http://x").searchParams.get("cursor") ?? "start";
      const page = pages[cursor];
      if (page === undefined) return { status: 400 };
      return {
        status: 200,
        body: {
          items: page.names.map((name) => ({ ...samplePrompt, name })),
          nextCursor: page.next,
        },
      };
    });
    const names: string[] = [];
    for await (const prompt of client.iteratePrompts({ prefix: "support/", limit: 2 }))
      names.push(prompt.name);
    expect(names).toEqual(["a", "b", "c", "d"]);
    expect(requests.map((request) => request.url)).toEqual([
      "/v1/prompts?prefix=support%2F&limit=2",
      "/v1/prompts?prefix=support%2F&limit=2&cursor=c1",
      "/v1/prompts?prefix=support%2F&limit=2&cursor=c2",
    ]);
  });
});

describe("errors", () => {
  test("an error body becomes a QuireError with the same code, message and details", async () => {
    const { client } = await clientAnswering(() => ({
      status: 404,
      body: {
        error: { code: "NOT_FOUND", message: 'No prompt named "nope"', details: { name: "nope" } },
      },
    }));
    const error = await caught(client.getPrompt("nope"));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toBe('No prompt named "nope"');
    expect(error.details).toEqual({ name: "nope" });
    expect(error.retryable).toBe(false);
  });

  test("a code this client does not know falls back to the status's code and keeps the original", async () => {
    const { client } = await clientAnswering(() => ({
      status: 422,
      body: { error: { code: "SOMETHING_NEW", message: "new kind of problem", details: {} } },
    }));
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toEqual({ serverCode: "SOMETHING_NEW" });
  });

  test("a non-JSON gateway error becomes a retryable UNAVAILABLE", async () => {
    const { client } = await clientAnswering(() => ({
      status: 502,
      body: "<html>Bad Gateway</html>",
    }));
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("HTTP 502");
  });

  test("an answer that breaks the contract is reported with the field at fault", async () => {
    const { client } = await clientAnswering(() => ({
      status: 200,
      body: { items: [{ name: 3 }], nextCursor: null },
    }));
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("INTERNAL");
    expect(error.message).toMatch(/does not match the API contract \(items\.0\.name: /);
    expect(error.details.issues).toBeInstanceOf(Array);
  });

  test("an unreachable server says where it looked and how to start one", async () => {
    const probe = await startCannedServer(() => ({ status: 200 }));
    const url = probe.url;
    await probe.close();
    const client = createQuireClient({ baseUrl: url, apiKey: "k" });
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`is the server running at ${url}?`);
    expect(error.message).toContain("quire serve");
    expect(error.details.reason).toBe("ECONNREFUSED");
  });

  test("a URL fetch refuses to call names fetch's reason", async () => {
    const client = createQuireClient({ baseUrl: "http://127.0.0.1:9", apiKey: "k" });
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toContain("Could not reach Quire at http://127.0.0.1:9 (bad port)");
  });

  test("a server slower than timeoutMs fails with a retryable UNAVAILABLE", async () => {
    const { client } = await clientAnswering(
      () => ({ status: 200, body: { items: [], nextCursor: null }, delayMs: 500 }),
      { timeoutMs: 50 },
    );
    const error = await caught(client.listPrompts());
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("within 50 ms");
  });

  test("a base URL that is not http(s) is refused up front", () => {
    expect(() => createQuireClient({ baseUrl: "localhost:4141", apiKey: "k" })).toThrow(
      /http:\/\//,
    );
    expect(() => createQuireClient({ baseUrl: "not a url", apiKey: "k" })).toThrow(/is not a URL/);
  });

  test("a custom fetch is used instead of the global one", async () => {
    const calls: string[] = [];
    const client = createQuireClient({
      baseUrl: "http://quire.invalid/",
      apiKey: "k",
      fetch: async (input) => {
        calls.push(String(input));
        return new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 });
      },
    });
    expect(await client.listPrompts()).toEqual({ items: [], nextCursor: null });
    expect(calls).toEqual(["http://quire.invalid/v1/prompts"]);
  });
});

describe("promptPath", () => {
  test("any name is one path segment that decodes back to the name", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.string({ maxLength: 10 }),
        (name, label) => {
          const path = promptPath(name, "labels", label);
          const segments = path.split("/");
          expect(segments).toHaveLength(6);
          expect(decodeURIComponent(segments[3] ?? "")).toBe(name);
          expect(decodeURIComponent(segments[5] ?? "")).toBe(label);
        },
      ),
    );
  });
});
