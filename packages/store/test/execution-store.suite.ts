import { isQuireError, type NewExecution, type QuireError } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutionStore, Store } from "../src/index.js";

export interface ExecutionStoreFactory {
  /** Opens the store under test; called once per test file, in `beforeAll`. */
  open(): Promise<Store>;
  /** Runs after the store is closed (remove the folder, drop the database). */
  cleanup?(): Promise<void>;
}

function record(promptName: string, overrides: Partial<NewExecution> = {}): NewExecution {
  return { promptName, model: "gpt-4o-mini", success: true, ...overrides };
}

async function caught(work: () => Promise<unknown>): Promise<QuireError> {
  try {
    await work();
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError, but the call succeeded");
}

/** Every page of a listing, following cursors. */
async function listAll(
  executions: ExecutionStore,
  query: Parameters<ExecutionStore["listExecutions"]>[0],
) {
  const items = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await executions.listExecutions({ ...query, cursor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
  } while (cursor !== undefined && pages < 1_000);
  return { items, pages };
}

/**
 * The behaviour of the execution log's storage, whatever the database. Tests share one store
 * per file and keep apart by using prompt names no other test uses.
 */
export function registerExecutionStoreSuite(factory: ExecutionStoreFactory): void {
  let store: Store | undefined;
  let counter = 0;
  const executions = () => {
    if (store === undefined) throw new Error("the store is not open: did beforeAll fail?");
    return store.executions;
  };
  const uniquePrompt = () => {
    counter += 1;
    return `executions/t${counter}`;
  };

  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  describe("storing batches", () => {
    it("stores every field and reads it back", async () => {
      const prompt = uniquePrompt();
      const full: NewExecution = {
        clientId: `${prompt}-full`,
        promptName: prompt,
        version: 3,
        label: "production",
        componentVersions: [
          { name: "shared/tone", version: 2, reference: "shared/tone@production" },
        ],
        model: "claude-sonnet-4",
        provider: "anthropic",
        inputTokens: 1200,
        outputTokens: 340,
        cachedTokens: 1024,
        latencyMs: 812.5,
        timeToFirstTokenMs: 95.25,
        cost: 0.0123456789,
        costEstimated: true,
        success: false,
        errorClass: "rate-limit",
        cacheHit: true,
        contextSignature: "0123456789abcdef",
        endUserId: "user-7",
        sessionId: "session-9",
        metadata: { region: "eu", nested: { list: [1, "two", null] } },
        variables: { question: "Où est ma commande ? 📦", count: 2, tags: ["a", null] },
        output: "Elle arrive demain.\nMerci !",
        createdAt: "2026-11-20T10:11:12.345Z",
      };
      const [outcome] = await executions().insertExecutions([full]);
      expect(outcome?.duplicate).toBe(false);
      const stored = await executions().getExecution(outcome?.id ?? "");
      const { createdAt, ...fields } = full;
      expect(stored).toEqual({
        ...fields,
        id: outcome?.id,
        contentTruncated: false,
        createdAt,
        feedback: [],
      });
    });

    it("caps the output and the variables at 64 KB each and says so", async () => {
      const prompt = uniquePrompt();
      const long = "é".repeat(40_000); // 80,000 bytes of UTF-8
      const [cut, whole] = await executions().insertExecutions([
        record(prompt, { variables: { document: long, short: "kept" }, output: `${long}${long}` }),
        record(prompt, { variables: { document: "x".repeat(60_000) }, output: "ok" }),
      ]);
      const stored = await executions().getExecution(cut?.id ?? "");
      expect(stored?.contentTruncated).toBe(true);
      const output = stored?.output ?? "";
      expect(new TextEncoder().encode(output).length).toBeLessThanOrEqual(65_536);
      expect(output.startsWith("éé")).toBe(true);
      expect(output.endsWith("…[truncated]")).toBe(true);
      expect(stored?.variables?.short).toBe("kept");
      expect(String(stored?.variables?.document)).toMatch(/^é+…\[truncated\]$/);
      const kept = await executions().getExecution(whole?.id ?? "");
      expect(kept).toMatchObject({ contentTruncated: false, output: "ok" });
      expect(kept?.variables?.document).toHaveLength(60_000);
    });

    it("lists without content when asked: variables and output null, the truncation flag kept", async () => {
      const prompt = uniquePrompt();
      await executions().insertExecutions([
        record(prompt, { variables: { city: "Lyon" }, output: "sunny" }),
        record(prompt, { variables: { city: "Nice" }, output: "x".repeat(70_000) }),
      ]);
      const light = await executions().listExecutions({ prompt, limit: 10, content: false });
      expect(light.items.map((item) => [item.variables, item.output])).toEqual([
        [null, null],
        [null, null],
      ]);
      expect(light.items.map((item) => item.contentTruncated).sort()).toEqual([false, true]);
      const full = await executions().listExecutions({ prompt, limit: 10 });
      expect(full.items.map((item) => item.variables?.city).sort()).toEqual(["Lyon", "Nice"]);
    });

    it("fills defaults for a minimal record and stamps the time of the call", async () => {
      const prompt = uniquePrompt();
      const before = Date.now();
      const [outcome] = await executions().insertExecutions([record(prompt)]);
      const stored = await executions().getExecution(outcome?.id ?? "");
      expect(stored).toMatchObject({
        clientId: null,
        version: null,
        componentVersions: [],
        inputTokens: null,
        cost: null,
        costEstimated: false,
        cacheHit: false,
        metadata: {},
        variables: null,
        output: null,
        contentTruncated: false,
        feedback: [],
      });
      const time = Date.parse(stored?.createdAt ?? "");
      expect(time).toBeGreaterThanOrEqual(before - 5);
      expect(time).toBeLessThanOrEqual(Date.now() + 5);
    });

    it("keeps times to the millisecond and stamps a null time with the time of the call", async () => {
      const prompt = uniquePrompt();
      const before = Date.now();
      const [precise, nullTime] = await executions().insertExecutions([
        record(prompt, { createdAt: "2026-11-20T10:11:12.345678+01:00" }),
        record(prompt, { createdAt: null }),
      ]);
      const first = await executions().getExecution(precise?.id ?? "");
      expect(first?.createdAt).toBe("2026-11-20T09:11:12.345Z");
      const second = Date.parse(
        (await executions().getExecution(nullTime?.id ?? ""))?.createdAt ?? "",
      );
      expect(second).toBeGreaterThanOrEqual(before - 5);
      expect(second).toBeLessThanOrEqual(Date.now() + 5);
    });

    it("answers in input order with distinct ids", async () => {
      const prompt = uniquePrompt();
      const batch = Array.from({ length: 250 }, (_, index) =>
        record(prompt, { clientId: `${prompt}-${index}`, inputTokens: index }),
      );
      const outcomes = await executions().insertExecutions(batch);
      expect(outcomes).toHaveLength(250);
      expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(250);
      expect(outcomes.every((outcome) => !outcome.duplicate)).toBe(true);
      const seventh = await executions().getExecution(outcomes[7]?.id ?? "");
      expect(seventh?.inputTokens).toBe(7);
      expect(seventh?.clientId).toBe(`${prompt}-7`);
    });

    it("does not store a clientId twice: retries and repeats within a batch are duplicates", async () => {
      const prompt = uniquePrompt();
      const first = await executions().insertExecutions([
        record(prompt, { clientId: "a" }),
        record(prompt, { clientId: "b" }),
        record(prompt),
      ]);
      const retry = await executions().insertExecutions([
        record(prompt, { clientId: "b", model: "changed" }),
        record(prompt, { clientId: "c" }),
        record(prompt, { clientId: "c" }),
        record(prompt, { clientId: "a" }),
        record(prompt),
      ]);
      expect(retry[0]).toEqual({ id: first[1]?.id, duplicate: true });
      expect(retry[1]?.duplicate).toBe(false);
      expect(retry[2]).toEqual({ id: retry[1]?.id, duplicate: true });
      expect(retry[3]).toEqual({ id: first[0]?.id, duplicate: true });
      expect(retry[4]?.duplicate).toBe(false);
      const { items } = await listAll(executions(), { limit: 50, prompt });
      expect(items).toHaveLength(5); // a, b, c and the two without a clientId
      expect(items.filter((item) => item.model === "changed")).toEqual([]);
    });

    it("uses a given id, and skips a record whose id and time are already stored", async () => {
      const prompt = uniquePrompt();
      const given = {
        ...record(prompt),
        id: "3f1c2b0e-0000-4000-8000-000000000001",
        createdAt: "2026-11-21T08:00:00.000Z",
      };
      expect(await executions().insertExecutions([given])).toEqual([
        { id: given.id, duplicate: false },
      ]);
      await executions().insertExecutions([given, { ...given, id: undefined }]);
      const { items } = await listAll(executions(), { limit: 50, prompt });
      expect(items.map((item) => item.id).filter((id) => id === given.id)).toHaveLength(1);
      expect(items).toHaveLength(2);
    });

    it("keeps client ids apart per project", async () => {
      const prompt = uniquePrompt();
      const [inDefault] = await executions().insertExecutions([record(prompt, { clientId: "x" })]);
      const [inOther] = await executions().insertExecutions([record(prompt, { clientId: "x" })], {
        project: "other",
      });
      expect(inOther?.duplicate).toBe(false);
      expect(inOther?.id).not.toBe(inDefault?.id);
      const defaultPage = await executions().listExecutions({ limit: 10, prompt });
      const otherPage = await executions().listExecutions({ limit: 10, prompt, project: "other" });
      expect(defaultPage.items.map((item) => item.id)).toEqual([inDefault?.id]);
      expect(otherPage.items.map((item) => item.id)).toEqual([inOther?.id]);
    });

    it("stores each clientId once when the same batch arrives several times at once", async () => {
      const prompt = uniquePrompt();
      const batch = Array.from({ length: 400 }, (_, index) =>
        record(prompt, { clientId: `${prompt}-${index}` }),
      );
      // Open the pool's connections first, so that the inserts run truly at once.
      await Promise.all(
        Array.from({ length: 5 }, () => executions().listExecutions({ limit: 1, prompt })),
      );
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => executions().insertExecutions(batch)),
      );
      const { items } = await listAll(executions(), { limit: 500, prompt });
      expect(items).toHaveLength(400);
      const storedIdByClientId = new Map(items.map((item) => [item.clientId, item.id]));
      for (const answer of answers) {
        answer.forEach((outcome, index) => {
          expect(outcome.id).toBe(storedIdByClientId.get(`${prompt}-${index}`));
        });
      }
      const created = answers.flat().filter((outcome) => !outcome.duplicate);
      expect(created).toHaveLength(400);
    });

    it("takes overlapping batches in opposite orders at once without deadlocking", async () => {
      const prompt = uniquePrompt();
      const batch = Array.from({ length: 400 }, (_, index) =>
        record(prompt, { clientId: `${prompt}-${index}` }),
      );
      await Promise.all(
        Array.from({ length: 4 }, () => executions().listExecutions({ limit: 1, prompt })),
      );
      const answers = await Promise.all([
        executions().insertExecutions(batch),
        executions().insertExecutions([...batch].reverse()),
        executions().insertExecutions(batch),
        executions().insertExecutions([...batch].reverse()),
      ]);
      expect(answers.flat().filter((outcome) => !outcome.duplicate)).toHaveLength(400);
      expect((await listAll(executions(), { limit: 500, prompt })).items).toHaveLength(400);
    });

    it("stores nothing of a batch the database refuses", async () => {
      const prompt = uniquePrompt();
      const error = await caught(() =>
        executions().insertExecutions([
          record(prompt, { clientId: "good" }),
          record(prompt, { inputTokens: -1 }),
        ]),
      );
      expect(["VALIDATION_FAILED", "INTERNAL"]).toContain(error.code);
      expect((await executions().listExecutions({ limit: 10, prompt })).items).toEqual([]);
      const [again] = await executions().insertExecutions([record(prompt, { clientId: "good" })]);
      expect(again?.duplicate).toBe(false);
    });

    it("accepts an empty batch", async () => {
      expect(await executions().insertExecutions([])).toEqual([]);
    });
  });

  describe("time partitions", () => {
    it("keeps records outside every monthly partition, and finds them after a month is created", async () => {
      const prompt = uniquePrompt();
      const far = new Date();
      far.setUTCMonth(far.getUTCMonth() + 8, 15);
      const farTime = far.toISOString();
      const [old, future] = await executions().insertExecutions([
        record(prompt, { createdAt: "2019-05-04T03:02:01.000Z" }),
        record(prompt, { createdAt: farTime, variables: { city: "Lyon" }, output: "sunny" }),
      ]);
      expect(await executions().ensurePartitions()).toBe(0);
      expect(await executions().ensurePartitions(9)).toBe(6);
      expect(await executions().getExecution(future?.id ?? "")).toMatchObject({
        createdAt: farTime,
        variables: { city: "Lyon" },
        output: "sunny",
      });
      expect((await executions().getExecution(old?.id ?? ""))?.createdAt).toBe(
        "2019-05-04T03:02:01.000Z",
      );
      const { items } = await listAll(executions(), { limit: 1, prompt });
      expect(items.map((item) => item.id)).toEqual([future?.id, old?.id]);
    });
  });

  describe("feedback", () => {
    it("is attached to the execution, oldest first", async () => {
      const prompt = uniquePrompt();
      const [outcome] = await executions().insertExecutions([record(prompt)]);
      const id = outcome?.id ?? "";
      const first = await executions().addFeedback(id, { score: 1, comment: "great", author: "k" });
      await executions().addFeedback(id, { score: -0.5, comment: "", author: "k2" });
      expect(first).toMatchObject({ executionId: id, score: 1, comment: "great", author: "k" });
      const stored = await executions().getExecution(id);
      expect(stored?.feedback.map((feedback) => feedback.score)).toEqual([1, -0.5]);
      expect(stored?.feedback[0]?.id).toBe(first.id);
    });

    it("is refused with NOT_FOUND for an unknown execution, storing nothing", async () => {
      const error = await caught(() =>
        executions().addFeedback("no-such-execution", { score: 1, comment: "", author: "k" }),
      );
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toContain("no-such-execution");
      expect(await executions().getExecution("no-such-execution")).toBeUndefined();
    });
  });

  describe("listing", () => {
    const start = Date.parse("2026-11-01T00:00:00.000Z");
    const minutes = (count: number) => new Date(start + count * 60_000).toISOString();

    it("filters by prompt, version, model, success and time range", async () => {
      const prompt = uniquePrompt();
      const other = uniquePrompt();
      await executions().insertExecutions([
        record(prompt, { version: 1, model: "m1", success: true, createdAt: minutes(1) }),
        record(prompt, { version: 2, model: "m1", success: false, createdAt: minutes(2) }),
        record(prompt, { version: 2, model: "m2", success: true, createdAt: minutes(3) }),
        record(prompt, { version: 2, model: "m2", success: false, createdAt: minutes(4) }),
        record(other, { version: 2, model: "m1", success: false, createdAt: minutes(2) }),
      ]);
      const versions = async (query: Partial<Parameters<ExecutionStore["listExecutions"]>[0]>) =>
        (await listAll(executions(), { limit: 500, prompt, ...query })).items.map(
          (item) => `${item.version}:${item.model}:${item.success}`,
        );
      expect(await versions({})).toEqual(["2:m2:false", "2:m2:true", "2:m1:false", "1:m1:true"]);
      expect(await versions({ version: 2 })).toEqual(["2:m2:false", "2:m2:true", "2:m1:false"]);
      expect(await versions({ model: "m1" })).toEqual(["2:m1:false", "1:m1:true"]);
      expect(await versions({ success: false })).toEqual(["2:m2:false", "2:m1:false"]);
      expect(await versions({ success: true, model: "m2" })).toEqual(["2:m2:true"]);
      expect(await versions({ from: minutes(2), to: minutes(4) })).toEqual([
        "2:m2:true",
        "2:m1:false",
      ]);
      const byModel = await listAll(executions(), {
        limit: 500,
        model: "m1",
        from: minutes(2),
        to: minutes(3),
      });
      expect(byModel.items.map((item) => item.promptName).sort()).toEqual([other, prompt].sort());
    });

    it("pages newest first through ties in time without skipping or repeating", async () => {
      const prompt = uniquePrompt();
      const batch = Array.from({ length: 23 }, (_, index) =>
        record(prompt, { inputTokens: index, createdAt: minutes(Math.floor(index / 4)) }),
      );
      const outcomes = await executions().insertExecutions(batch);
      const { items, pages } = await listAll(executions(), { limit: 5, prompt });
      expect(pages).toBe(5);
      expect(items).toHaveLength(23);
      expect(new Set(items.map((item) => item.id))).toEqual(
        new Set(outcomes.map((outcome) => outcome.id)),
      );
      for (let index = 1; index < items.length; index += 1) {
        const previous = items[index - 1]!;
        const current = items[index]!;
        const order = previous.createdAt.localeCompare(current.createdAt);
        expect(order > 0 || (order === 0 && previous.id > current.id)).toBe(true);
      }
      const lastPage = await executions().listExecutions({ limit: 23, prompt });
      expect(lastPage.nextCursor).toBeNull();
    });

    it("refuses a bad cursor, a version without a prompt and a bad limit", async () => {
      expect(
        (await caught(() => executions().listExecutions({ limit: 5, cursor: "nope" }))).code,
      ).toBe("VALIDATION_FAILED");
      const forged = Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url");
      expect(
        (await caught(() => executions().listExecutions({ limit: 5, cursor: forged }))).code,
      ).toBe("VALIDATION_FAILED");
      const version = await caught(() => executions().listExecutions({ limit: 5, version: 2 }));
      expect(version.code).toBe("VALIDATION_FAILED");
      expect(version.message).toContain("prompt");
      expect((await caught(() => executions().listExecutions({ limit: 0 }))).code).toBe(
        "VALIDATION_FAILED",
      );
    });
  });
}
