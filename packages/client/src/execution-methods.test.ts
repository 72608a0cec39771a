import { QuireError } from "@quire/core";
import { describe, expect, test } from "vitest";
import { useCannedClients } from "../test/canned-client.js";

const clientAnswering = useCannedClients();

const execution = {
  id: "e/1",
  clientId: null,
  promptName: "support/triage",
  version: 2,
  label: "production",
  componentVersions: [],
  model: "gpt-4o",
  provider: "openai",
  inputTokens: 10,
  outputTokens: 5,
  cachedTokens: null,
  latencyMs: 120,
  timeToFirstTokenMs: null,
  cost: 0.001,
  costEstimated: false,
  success: true,
  errorClass: null,
  cacheHit: false,
  contextSignature: null,
  endUserId: null,
  sessionId: null,
  metadata: {},
  variables: { ticket: "Late" },
  output: "Sorry about that.",
  contentTruncated: false,
  createdAt: "2026-11-21T10:00:00.000Z",
};

describe("execution methods", () => {
  test("logExecutions posts the batch and resolves a 207 with the rejected records", async () => {
    const answer = {
      accepted: [{ index: 0, id: "e1" }],
      duplicates: [],
      rejected: [
        {
          index: 1,
          error: { code: "VALIDATION_FAILED", message: "Execution 1 is invalid", details: {} },
        },
      ],
    };
    const { client, requests } = await clientAnswering(() => ({ status: 207, body: answer }));
    const records = [
      { promptName: "a", model: "m", success: true, clientId: "c1" },
      { promptName: "a", model: "", success: true },
    ];
    expect(await client.logExecutions(records)).toEqual(answer);
    expect(requests[0]?.method).toBe("POST");
    expect(requests[0]?.url).toBe("/v1/executions");
    expect(requests[0]?.body).toEqual({ executions: records });
  });

  test("listExecutions sends the filters, times as ISO text, and iterates every page", async () => {
    const { client, requests } = await clientAnswering((request) =>
      request.url.includes("cursor=")
        ? { status: 200, body: { items: [{ ...execution, id: "e2" }], nextCursor: null } }
        : { status: 200, body: { items: [execution], nextCursor: "next" } },
    );
    const page = await client.listExecutions({
      prompt: "support/triage",
      version: 2,
      success: false,
      from: new Date("2026-11-01T00:00:00Z"),
      to: "2026-11-02T00:00:00Z",
      limit: 1,
    });
    expect(page.nextCursor).toBe("next");
    const query = new URL(requests[0]?.url ?? "", "http://x").searchParams;
    expect(Object.fromEntries(query)).toEqual({
      prompt: "support/triage",
      version: "2",
      success: "false",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-02T00:00:00Z",
      limit: "1",
    });
    const ids: string[] = [];
    for await (const item of client.iterateExecutions({ prompt: "support/triage" }))
      ids.push(item.id);
    expect(ids).toEqual(["e/1", "e2"]);
  });

  test("getExecution and addExecutionFeedback percent-encode the id; 404 is NOT_FOUND", async () => {
    const { client, requests } = await clientAnswering((request) =>
      request.method === "GET"
        ? { status: 200, body: { ...execution, feedback: [] } }
        : {
            status: 404,
            body: {
              error: { code: "NOT_FOUND", message: "Execution does not exist", details: {} },
            },
          },
    );
    const read = await client.getExecution("e/1");
    expect(read.feedback).toEqual([]);
    expect(read.output).toBe("Sorry about that.");
    expect(requests[0]?.url).toBe("/v1/executions/e%2F1");
    const error = await client.addExecutionFeedback("e/1", { score: 1 }).catch((caught) => caught);
    expect(error).toBeInstanceOf(QuireError);
    expect((error as QuireError).code).toBe("NOT_FOUND");
    expect(requests[1]?.url).toBe("/v1/executions/e%2F1/feedback");
    expect(requests[1]?.body).toEqual({ score: 1 });
  });

  test("an execution from a server older than the logged content reads with null content", async () => {
    const { variables, output, contentTruncated, ...older } = execution;
    const { client } = await clientAnswering(() => ({
      status: 200,
      body: { ...older, feedback: [] },
    }));
    const read = await client.getExecution("e/1");
    expect([read.variables, read.output, read.contentTruncated]).toEqual([null, null, false]);
    expect([variables, output, contentTruncated]).toEqual([
      { ticket: "Late" },
      "Sorry about that.",
      false,
    ]);
  });
});
