import { afterEach, describe, expect, test } from "vitest";
import { type CannedServer, startCannedServer } from "../test/canned-http-server.js";
import { createQuireClient } from "./quire-client.js";

let server: CannedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const inclusion = {
  prompt: "support/triage",
  version: 3,
  reference: "support/guidelines@production",
  requested: "label",
  label: "production",
  componentVersion: null,
  labels: ["production"],
  latest: true,
  resolvesTo: 2,
};

describe("components in the client", () => {
  test("render sends format and model, and returns provenance, formatted and tokens", async () => {
    const answer = {
      prompt: "support/triage",
      version: 3,
      label: "production",
      resolvedBy: "label",
      messages: [{ role: "system", content: [{ text: "Be kind." }] }],
      variables: {},
      provenance: {
        prompt: "support/triage",
        version: 3,
        components: [
          {
            name: "support/guidelines",
            version: 2,
            reference: "support/guidelines@production",
            requested: "label",
            label: "production",
          },
        ],
      },
      format: "anthropic-messages",
      formatted: { system: "Be kind.", messages: [] },
      tokens: {
        model: "claude-sonnet-4",
        count: 9,
        estimate: true,
        encoding: "o200k_base",
        contextWindow: 200000,
      },
    };
    server = await startCannedServer(() => ({ status: 200, body: answer }));
    const client = createQuireClient({ baseUrl: server.url, apiKey: "qk_test" });
    const rendered = await client.render("support/triage", {
      label: "production",
      format: "anthropic",
      model: "claude-sonnet-4",
    });
    expect(rendered).toEqual(answer);
    expect(server.requests[0]?.body).toEqual({
      label: "production",
      variables: {},
      format: "anthropic",
      model: "claude-sonnet-4",
    });
  });

  test("usedBy lists includers and iterateUsedBy follows the cursor", async () => {
    server = await startCannedServer((request) =>
      request.url.includes("cursor=next")
        ? { status: 200, body: { items: [{ ...inclusion, prompt: "z/last" }], nextCursor: null } }
        : { status: 200, body: { items: [inclusion], nextCursor: "next" } },
    );
    const client = createQuireClient({ baseUrl: server.url, apiKey: "qk_test" });
    const page = await client.usedBy("support/guidelines", { versions: "all", limit: 1 });
    expect(page).toEqual({ items: [inclusion], nextCursor: "next" });
    const all: string[] = [];
    for await (const item of client.iterateUsedBy("support/guidelines")) all.push(item.prompt);
    expect(all).toEqual(["support/triage", "z/last"]);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/v1/prompts/support%2Fguidelines/used-by?versions=all&limit=1",
      "/v1/prompts/support%2Fguidelines/used-by",
      "/v1/prompts/support%2Fguidelines/used-by?cursor=next",
    ]);
  });
});
