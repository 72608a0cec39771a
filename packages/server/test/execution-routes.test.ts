import type {
  ErrorResponse,
  Execution,
  ExecutionFeedback,
  ExecutionWithFeedback,
  IngestExecutionsResponse,
} from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./support/backends.js";
import type { TestServer } from "./support/test-server.js";

type Page = { items: Execution[]; nextCursor: string | null };

const record = (promptName: string, overrides: Record<string, unknown> = {}) => ({
  promptName,
  model: "gpt-4o-mini",
  success: true,
  ...overrides,
});

for (const backend of testBackends()) {
  describe(`the execution routes on ${backend.name}`, () => {
    let server: TestServer;
    let counter = 0;
    const uniquePrompt = () => {
      counter += 1;
      return `routes/t${counter}`;
    };
    const ingest = (executions: unknown[]) =>
      server.request<IngestExecutionsResponse>("POST", "/v1/executions", {
        body: { executions },
      });
    const list = (query: string) => server.request<Page>("GET", `/v1/executions?${query}`);

    beforeAll(async () => {
      server = await backend.start();
    });
    afterAll(async () => {
      await server?.close();
    });

    it("stores a batch and answers 200 with each record's id by index", async () => {
      const prompt = uniquePrompt();
      const response = await ingest([
        record(prompt, { clientId: `${prompt}-a`, inputTokens: 10, cost: 0.002 }),
        record(prompt, { success: false, errorClass: "timeout" }),
      ]);
      expect(response.status).toBe(200);
      expect(response.body.rejected).toEqual([]);
      expect(response.body.duplicates).toEqual([]);
      expect(response.body.accepted.map((entry) => entry.index)).toEqual([0, 1]);
      const id = response.body.accepted[0]?.id ?? "";
      const stored = await server.request<ExecutionWithFeedback>(
        "GET",
        `/v1/executions/${encodeURIComponent(id)}`,
      );
      expect(stored.status).toBe(200);
      expect(stored.body).toMatchObject({
        id,
        clientId: `${prompt}-a`,
        promptName: prompt,
        inputTokens: 10,
        cost: 0.002,
        feedback: [],
      });
    });

    it("keeps ingested variables and output text, capped at 64 KB, and lists and gets them", async () => {
      const prompt = uniquePrompt();
      const response = await ingest([
        record(prompt, { variables: { city: "Köln", days: 3 }, output: "Regen. ☔" }),
        record(prompt, { output: "x".repeat(70_000) }),
        record(prompt, { variables: ["not", "an", "object"] }),
      ]);
      expect(response.status).toBe(207);
      expect(response.body.rejected.map((entry) => entry.index)).toEqual([2]);
      const [first, second] = response.body.accepted.map((entry) => entry.id);
      const stored = await server.request<ExecutionWithFeedback>(
        "GET",
        `/v1/executions/${encodeURIComponent(first ?? "")}`,
      );
      expect(stored.body).toMatchObject({
        variables: { city: "Köln", days: 3 },
        output: "Regen. ☔",
        contentTruncated: false,
      });
      const listed = await list(`prompt=${encodeURIComponent(prompt)}`);
      const cut = listed.body.items.find((item) => item.id === second);
      expect(cut).toMatchObject({ variables: null, contentTruncated: true });
      expect(cut?.output?.length).toBeLessThanOrEqual(65_536);
      expect(cut?.output?.endsWith("…[truncated]")).toBe(true);
      const light = await list(`prompt=${encodeURIComponent(prompt)}&content=false`);
      expect(light.body.items.map((item) => [item.output, item.contentTruncated]).sort()).toEqual([
        [null, false],
        [null, true],
      ]);
    });

    it("refuses more than 1,000 records with 413 naming the limit, storing none", async () => {
      const prompt = uniquePrompt();
      const response = await ingest(Array.from({ length: 1_001 }, () => record(prompt)));
      expect(response.status).toBe(413);
      const error = (response.body as unknown as ErrorResponse).error;
      expect(error.code).toBe("PAYLOAD_TOO_LARGE");
      expect(error.message).toContain("1000");
      expect(error.details).toEqual({ limit: 1_000, received: 1_001 });
      expect((await list(`prompt=${encodeURIComponent(prompt)}`)).body.items).toEqual([]);
      const atLimit = await ingest(Array.from({ length: 1_000 }, () => record(prompt)));
      expect(atLimit.status).toBe(200);
      expect(atLimit.body.accepted).toHaveLength(1_000);
    });

    it("keeps the good records of a batch and reports each bad one by index with 207", async () => {
      const prompt = uniquePrompt();
      const response = await ingest([
        record(prompt, { clientId: `${prompt}-0` }),
        { promptName: prompt, success: true },
        record(prompt, { inputTokens: -5, latencyMs: "fast" }),
        "not an object",
        record(prompt, { metadata: { note: "nul \u0000 inside" } }),
        record("bad name!"),
        record(prompt, { clientId: `${prompt}-6` }),
      ]);
      expect(response.status).toBe(207);
      expect(response.body.accepted.map((entry) => entry.index)).toEqual([0, 6]);
      const rejected = response.body.rejected;
      expect(rejected.map((entry) => entry.index)).toEqual([1, 2, 3, 4, 5]);
      expect(rejected[0]?.error).toMatchObject({ code: "VALIDATION_FAILED" });
      expect(rejected[0]?.error.message).toMatch(/^Execution 1 is invalid: model: /);
      expect(rejected[1]?.error.message).toContain("inputTokens");
      expect(rejected[1]?.error.message).toContain("latencyMs");
      expect(rejected[3]?.error.message).toContain("NUL");
      expect(rejected[4]?.error.message).toContain("promptName");
      const stored = await list(`prompt=${encodeURIComponent(prompt)}`);
      expect(stored.body.items.map((item) => item.clientId).sort()).toEqual([
        `${prompt}-0`,
        `${prompt}-6`,
      ]);
    });

    it("answers 207 with every record rejected, storing nothing", async () => {
      const response = await ingest([{}, { model: 3 }]);
      expect(response.status).toBe(207);
      expect(response.body.accepted).toEqual([]);
      expect(response.body.rejected.map((entry) => entry.index)).toEqual([0, 1]);
    });

    it("is idempotent by clientId: a resent batch is all duplicates with the stored ids", async () => {
      const prompt = uniquePrompt();
      const batch = [
        record(prompt, { clientId: "one" }),
        record(prompt, { clientId: "two" }),
        record(prompt, { clientId: "one" }),
      ];
      const first = await ingest(batch);
      expect(first.status).toBe(200);
      expect(first.body.accepted.map((entry) => entry.index)).toEqual([0, 1]);
      expect(first.body.duplicates).toEqual([{ index: 2, id: first.body.accepted[0]?.id }]);
      const again = await ingest(batch);
      expect(again.status).toBe(200);
      expect(again.body.accepted).toEqual([]);
      expect(again.body.duplicates).toEqual([
        { index: 0, id: first.body.accepted[0]?.id },
        { index: 1, id: first.body.accepted[1]?.id },
        { index: 2, id: first.body.accepted[0]?.id },
      ]);
      expect((await list(`prompt=${encodeURIComponent(prompt)}`)).body.items).toHaveLength(2);
    });

    it("refuses a body that is not a batch", async () => {
      expect((await server.request("POST", "/v1/executions", { body: [record("a")] })).status).toBe(
        422,
      );
      expect(
        (await server.request("POST", "/v1/executions", { body: { records: [] } })).status,
      ).toBe(422);
      expect(
        (await server.request("POST", "/v1/executions", { rawBody: '{"executions": [' })).status,
      ).toBe(400);
      expect(
        (await server.request("POST", "/v1/executions", { body: { executions: [] }, key: null }))
          .status,
      ).toBe(401);
    });

    it("records feedback on an execution and shows it with the execution", async () => {
      const prompt = uniquePrompt();
      const id = (await ingest([record(prompt)])).body.accepted[0]?.id ?? "";
      const path = `/v1/executions/${encodeURIComponent(id)}`;
      const added = await server.request<ExecutionFeedback>("POST", `${path}/feedback`, {
        body: { score: 0.8, comment: "mostly right" },
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ executionId: id, score: 0.8, comment: "mostly right" });
      expect(added.body.author).not.toBe("");
      await server.request("POST", `${path}/feedback`, { body: { score: 1 } });
      const stored = await server.request<ExecutionWithFeedback>("GET", path);
      expect(stored.body.feedback.map((entry) => [entry.score, entry.comment])).toEqual([
        [0.8, "mostly right"],
        [1, ""],
      ]);
      const invalid = await server.request("POST", `${path}/feedback`, { body: { score: "high" } });
      expect(invalid.status).toBe(422);
    });

    it("answers 404 for feedback on, or a read of, an unknown execution", async () => {
      const feedback = await server.request<ErrorResponse>(
        "POST",
        "/v1/executions/no-such-id/feedback",
        { body: { score: 1, comment: "lost" } },
      );
      expect(feedback.status).toBe(404);
      expect(feedback.body.error.code).toBe("NOT_FOUND");
      expect(feedback.body.error.message).toContain("no-such-id");
      const read = await server.request<ErrorResponse>("GET", "/v1/executions/no-such-id");
      expect(read.status).toBe(404);
    });

    it("lists with filters and cursor pagination, newest first", async () => {
      const prompt = uniquePrompt();
      const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();
      await ingest([
        record(prompt, { version: 1, model: "a", success: true, createdAt: at(1) }),
        record(prompt, { version: 2, model: "a", success: false, createdAt: at(2) }),
        record(prompt, { version: 2, model: "b", success: true, createdAt: at(3) }),
        record(prompt, { version: 2, model: "b", success: true, createdAt: at(4) }),
        record(prompt, { version: 3, model: "b", success: false, createdAt: at(5) }),
      ]);
      const name = `prompt=${encodeURIComponent(prompt)}`;
      const minutes = async (query: string) =>
        (await list(`${name}&${query}`)).body.items.map((item) =>
          new Date(item.createdAt).getUTCMinutes(),
        );
      expect(await minutes("")).toEqual([5, 4, 3, 2, 1]);
      expect(await minutes("version=2")).toEqual([4, 3, 2]);
      expect(await minutes("model=b")).toEqual([5, 4, 3]);
      expect(await minutes("success=false")).toEqual([5, 2]);
      expect(await minutes(`from=${at(2)}&to=${at(4)}`)).toEqual([3, 2]);

      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = `${name}&limit=2${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = await list(query);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item) => new Date(item.createdAt).getUTCMinutes()));
        cursor = page.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(seen).toEqual([5, 4, 3, 2, 1]);
      expect(pages).toBe(3);
    });

    it("refuses bad list filters with 422", async () => {
      for (const query of [
        "success=maybe",
        "cursor=garbage",
        "from=yesterday",
        "limit=501",
        "version=2",
      ]) {
        const response = await list(query);
        expect(response.status, query).toBe(422);
      }
    });
  });
}
