import type { Dataset, DatasetCase, ErrorResponse } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EvaluationTestServer, startEvaluationTestServer } from "./evaluation-test-server.js";

let server: EvaluationTestServer;
const path = (name: string, rest = "") => `/v1/datasets/${encodeURIComponent(name)}${rest}`;

beforeAll(async () => {
  server = await startEvaluationTestServer();
}, 60_000);
afterAll(() => server?.close());

interface CasePage {
  items: DatasetCase[];
  nextCursor: string | null;
}

async function caseIds(name: string): Promise<string[]> {
  const page = await server.request<CasePage>("GET", path(name, "/cases?limit=500"));
  return page.body.items.map((item) => item.id);
}

describe("datasets", () => {
  it("creates, reads, lists, describes and deletes a dataset", async () => {
    const created = await server.request<Dataset>("POST", "/v1/datasets", {
      body: {
        name: "crud/one",
        description: "first",
        cases: [{ id: "a", variables: { name: "Ada" } }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "crud/one",
      caseCount: 1,
      createdBy: "key:admin-key",
    });
    const again = await server.request<ErrorResponse>("POST", "/v1/datasets", {
      body: { name: "crud/one" },
    });
    expect(again.status).toBe(409);
    const updated = await server.request<Dataset>("PUT", path("crud/one"), {
      body: { description: "second" },
    });
    expect(updated.body.description).toBe("second");
    const listed = await server.request<{ items: Dataset[] }>("GET", "/v1/datasets");
    expect(listed.body.items.map((item) => item.name)).toContain("crud/one");
    expect((await server.request("DELETE", path("crud/one"))).status).toBe(200);
    const gone = await server.request<ErrorResponse>("GET", path("crud/one"));
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("NOT_FOUND");
  });

  it("refuses a bad name with 422 and lets a viewer read but not write", async () => {
    const bad = await server.request<ErrorResponse>("POST", "/v1/datasets", {
      body: { name: "/nope/" },
    });
    expect(bad.status).toBe(422);
    const asViewer = await server.request("POST", "/v1/datasets", {
      body: { name: "viewer/try" },
      key: server.keys.viewer,
    });
    expect(asViewer.status).toBe(403);
    const asEditor = await server.request("POST", "/v1/datasets", {
      body: { name: "viewer/try" },
      key: server.keys.editor,
    });
    expect(asEditor.status).toBe(201);
    const read = await server.request("GET", path("viewer/try"), { key: server.keys.viewer });
    expect(read.status).toBe(200);
  });
});

describe("cases", () => {
  it("adds, refuses a repeated id whole, replaces, pages and deletes cases", async () => {
    await server.request("POST", "/v1/datasets", { body: { name: "cases/one" } });
    const added = await server.request<{ items: DatasetCase[] }>(
      "POST",
      path("cases/one", "/cases"),
      {
        body: {
          cases: [
            { id: "a", variables: {} },
            { id: "b", variables: { x: 1 }, expected: "B" },
          ],
        },
      },
    );
    expect(added.status).toBe(201);
    expect(added.body.items.map((item) => [item.id, item.position])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    const repeated = await server.request<ErrorResponse>("POST", path("cases/one", "/cases"), {
      body: {
        cases: [
          { id: "c", variables: {} },
          { id: "a", variables: {} },
        ],
      },
    });
    expect(repeated.status).toBe(409);
    expect(await caseIds("cases/one")).toEqual(["a", "b"]);
    const first = await server.request<CasePage>("GET", path("cases/one", "/cases?limit=1"));
    expect(first.body.items.map((item) => item.id)).toEqual(["a"]);
    const second = await server.request<CasePage>(
      "GET",
      path("cases/one", `/cases?limit=1&cursor=${first.body.nextCursor ?? ""}`),
    );
    expect(second.body.items.map((item) => item.id)).toEqual(["b"]);
    const replaced = await server.request("PUT", path("cases/one", "/cases"), {
      body: { cases: [{ id: "z", variables: {} }] },
    });
    expect(replaced.status).toBe(200);
    expect((await server.request("DELETE", path("cases/one", "/cases/z"))).status).toBe(200);
    expect((await server.request("DELETE", path("cases/one", "/cases/z"))).status).toBe(404);
    expect(await caseIds("cases/one")).toEqual([]);
  });

  it("saves a logged execution as a case, with what the log kept", async () => {
    await server.request("POST", "/v1/datasets", { body: { name: "cases/prod" } });
    const logged = await server.request<{ accepted: { id: string }[] }>("POST", "/v1/executions", {
      body: {
        executions: [
          {
            promptName: "support/triage",
            version: 2,
            model: "local/echo",
            success: true,
            metadata: { variables: { question: "refund?" }, output: "Refunds take 5 days." },
          },
        ],
      },
    });
    const executionId = logged.body.accepted[0]?.id ?? "";
    await server.quire.executionLog.flush();
    const saved = await server.request<DatasetCase>(
      "POST",
      path("cases/prod", "/cases/from-execution"),
      {
        body: { executionId, caseId: "refund" },
      },
    );
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({
      id: "refund",
      variables: { question: "refund?" },
      expected: "Refunds take 5 days.",
      metadata: { source: "execution", executionId, promptName: "support/triage", version: 2 },
    });
    const unknown = await server.request<ErrorResponse>(
      "POST",
      path("cases/prod", "/cases/from-execution"),
      {
        body: { executionId: "no-such-execution" },
      },
    );
    expect(unknown.status).toBe(404);
  });
});

describe("import and export", () => {
  it("imports CSV, JSON and JSONL bodies and exports the same cases back", async () => {
    await server.request("POST", "/v1/datasets", { body: { name: "files/all" } });
    const csv = await server.request("POST", path("files/all", "/import?format=csv"), {
      rawBody: '__id,question\nc1,"two\nlines"\nc2,plain\n',
      headers: { "content-type": "text/csv" },
    });
    expect(csv.status).toBe(201);
    expect(csv.body).toEqual({ dataset: "files/all", imported: 2, caseCount: 2 });
    const json = await server.request("POST", path("files/all", "/import?format=json"), {
      rawBody: JSON.stringify([{ id: "j1", vars: { question: "json" } }]),
      headers: { "content-type": "application/json" },
    });
    expect(json.status).toBe(201);
    const jsonl = await server.request("POST", path("files/all", "/import?format=jsonl"), {
      rawBody: '{"id":"l1","vars":{"question":"line"}}\n',
      headers: { "content-type": "application/x-ndjson" },
    });
    expect(jsonl.status).toBe(201);
    expect(await caseIds("files/all")).toEqual(["c1", "c2", "j1", "l1"]);
    const cases = await server.request<CasePage>("GET", path("files/all", "/cases"));
    expect(cases.body.items[0]?.variables).toEqual({ question: "two\nlines" });

    const exported = await server.request("GET", path("files/all", "/export?format=jsonl"));
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("application/x-ndjson");
    await server.request("POST", "/v1/datasets", { body: { name: "files/copy" } });
    const reimported = await server.request("POST", path("files/copy", "/import?format=jsonl"), {
      rawBody: exported.text,
      headers: { "content-type": "text/plain" },
    });
    expect(reimported.status).toBe(201);
    const copy = await server.request<CasePage>("GET", path("files/copy", "/cases"));
    expect(copy.body.items).toEqual(cases.body.items);
    const asCsv = await server.request("GET", path("files/all", "/export?format=csv"));
    expect(asCsv.headers.get("content-type")).toContain("text/csv");
    expect(asCsv.text).toContain('"two\nlines"');
  });

  it("refuses a malformed CSV with 422 naming row and column, storing nothing", async () => {
    await server.request("POST", "/v1/datasets", {
      body: { name: "files/bad", cases: [{ id: "keep", variables: {} }] },
    });
    const bad = await server.request<ErrorResponse>(
      "POST",
      path("files/bad", "/import?format=csv"),
      {
        rawBody: '__id,question\nok,fine\nbroken,"never closed\n',
        headers: { "content-type": "text/csv" },
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(bad.body.error.details).toMatchObject({ row: 2, columnName: "question" });
    expect(bad.body.error.details.line).toBe(3);
    expect(await caseIds("files/bad")).toEqual(["keep"]);
    const badJsonl = await server.request<ErrorResponse>(
      "POST",
      path("files/bad", "/import?format=jsonl"),
      {
        rawBody: '{"id":"x","vars":{}}\n{"id": oops}\n',
        headers: { "content-type": "application/x-ndjson" },
      },
    );
    expect(badJsonl.status).toBe(422);
    expect(badJsonl.body.error.details).toMatchObject({ line: 2 });
    expect(await caseIds("files/bad")).toEqual(["keep"]);
    for (const [rawBody, row, problem] of [
      ["__id,id,question\nok,7,fine\n,8,no id\n", 2, "the case id is empty"],
      ["__id,question\nsame,a\nsame,b\n", 2, 'case id "same" is used twice'],
    ] as const) {
      const badId = await server.request<ErrorResponse>(
        "POST",
        path("files/bad", "/import?format=csv"),
        { rawBody, headers: { "content-type": "text/csv" } },
      );
      expect(badId.status).toBe(422);
      expect(badId.body.error.details).toMatchObject({ line: row + 1, row, columnName: "__id" });
      expect(badId.body.error.message).toContain(problem);
    }
    expect(await caseIds("files/bad")).toEqual(["keep"]);
  });

  it("refuses an import into an unknown dataset, and an unknown format", async () => {
    const missing = await server.request("POST", path("files/none", "/import?format=csv"), {
      rawBody: "a\n1\n",
      headers: { "content-type": "text/csv" },
    });
    expect(missing.status).toBe(404);
    const format = await server.request("POST", path("files/bad", "/import?format=xlsx"), {
      rawBody: "a\n1\n",
      headers: { "content-type": "text/csv" },
    });
    expect(format.status).toBe(422);
  });
});
