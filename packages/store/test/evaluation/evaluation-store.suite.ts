import { isQuireError, type QuireError, type TestCase } from "@quire/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvalCellRecord, EvaluationStore, Store } from "../../src/index.js";

export interface EvaluationStoreFactory {
  /** Opens the store under test, once per file; `openSecond` opens another on the same data. */
  open(): Promise<Store>;
  /** A second store on the same database (PostgreSQL), for claimers in two processes. */
  openSecond?(): Promise<Store>;
  cleanup?(): Promise<void>;
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

const cases = (...ids: string[]): TestCase[] =>
  ids.map((id) => ({ id, variables: { question: `q-${id}` } }));

function cell(caseId: string, status: EvalCellRecord["status"] = "passed"): EvalCellRecord {
  return {
    promptId: "support/triage:1",
    modelId: "local/echo",
    caseId,
    repeatIndex: 0,
    status,
    output: `answer ${caseId}`,
    score: status === "passed" ? 1 : 0,
    assertions: [
      { type: "contains", pass: status === "passed", score: 1, reason: "ok", weight: 1 },
    ],
    latencyMs: 12.5,
    inputTokens: 10,
    outputTokens: 4,
    cachedInputTokens: 0,
    costUsd: 0.000125,
    cacheHit: false,
    ...(status === "errored" ? { error: { class: "timeout", message: "timed out" } } : {}),
    provenance: { components: [] },
    finishedAt: "2026-11-21T10:00:00.000Z",
  };
}

/** Claims until the queue is empty, finishing each run, so a test starts with no queued run. */
async function drain(evaluation: EvaluationStore): Promise<void> {
  for (;;) {
    const run = await evaluation.claimRun("drainer", 60_000);
    if (run === undefined) return;
    await evaluation.finishRun(run.id, "drainer", { status: "completed" });
  }
}

export function registerEvaluationStoreSuite(factory: EvaluationStoreFactory): void {
  let store: Store | undefined;
  let counter = 0;
  const evaluation = () => {
    if (store === undefined) throw new Error("the store is not open: did beforeAll fail?");
    return store.evaluation;
  };
  const uniqueName = () => `suite/dataset-${++counter}`;
  const newRun = (total = 3) =>
    evaluation().createRun({
      projectId: "default",
      plan: { prompts: ["support/triage@production"], models: ["local/echo"] },
      cases: cases("a", "b", "c"),
      total,
      createdBy: "key:test",
    });

  beforeAll(async () => {
    store = await factory.open();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup?.();
  });

  describe("datasets and cases", () => {
    it("creates a dataset with cases, reads, lists, updates and deletes it", async () => {
      const name = uniqueName();
      const created = await evaluation().createDataset("default", {
        name,
        description: "smoke",
        cases: [{ id: "x", variables: { a: 1 }, expected: { ok: true }, metadata: { m: 1 } }],
        createdBy: "key:test",
      });
      expect(created).toMatchObject({ name, description: "smoke", caseCount: 1 });
      const [stored] = await evaluation().allCases("default", name);
      expect(stored).toEqual({
        id: "x",
        position: 1,
        variables: { a: 1 },
        expected: { ok: true },
        metadata: { m: 1 },
      });
      const updated = await evaluation().updateDataset("default", name, { description: "new" });
      expect(updated.description).toBe("new");
      expect(await evaluation().getDataset("elsewhere", name)).toBeUndefined();
      expect(await evaluation().deleteDataset("default", name)).toBe(true);
      expect(await evaluation().getDataset("default", name)).toBeUndefined();
      expect(await evaluation().deleteDataset("default", name)).toBe(false);
    });

    it("refuses a second dataset of the same name, and an unknown one is NOT_FOUND", async () => {
      const name = uniqueName();
      await evaluation().createDataset("default", { name, createdBy: "key:test" });
      const conflict = await caught(() =>
        evaluation().createDataset("default", { name, createdBy: "key:test" }),
      );
      expect(conflict.code).toBe("CONFLICT");
      const missing = await caught(() =>
        evaluation().addCases("default", `${name}-no`, cases("a")),
      );
      expect(missing.code).toBe("NOT_FOUND");
    });

    it("appends cases in order and refuses a repeated id whole", async () => {
      const name = uniqueName();
      await evaluation().createDataset("default", { name, cases: cases("a"), createdBy: "t" });
      const added = await evaluation().addCases("default", name, cases("b", "c"));
      expect(added.map((one) => [one.id, one.position])).toEqual([
        ["b", 2],
        ["c", 3],
      ]);
      const repeated = await caught(() => evaluation().addCases("default", name, cases("d", "a")));
      expect(repeated.code).toBe("CONFLICT");
      expect(repeated.details).toMatchObject({ caseId: "a", index: 1 });
      const all = await evaluation().allCases("default", name);
      expect(all.map((one) => one.id)).toEqual(["a", "b", "c"]);
    });

    it("pages cases, replaces them and deletes one", async () => {
      const name = uniqueName();
      await evaluation().createDataset("default", {
        name,
        cases: cases("a", "b", "c", "d", "e"),
        createdBy: "t",
      });
      const first = await evaluation().listCases("default", name, { limit: 2 });
      const second = await evaluation().listCases("default", name, {
        limit: 2,
        cursor: first.nextCursor ?? undefined,
      });
      expect([...first.items, ...second.items].map((one) => one.id)).toEqual(["a", "b", "c", "d"]);
      await evaluation().replaceCases("default", name, cases("z", "y"));
      expect((await evaluation().allCases("default", name)).map((one) => one.id)).toEqual([
        "z",
        "y",
      ]);
      expect(await evaluation().deleteCase("default", name, "z")).toBe(true);
      expect(await evaluation().deleteCase("default", name, "z")).toBe(false);
      expect((await evaluation().getDataset("default", name))?.caseCount).toBe(1);
    });
  });

  describe("eval runs as jobs", () => {
    it("never gives the same run to two claimers", async () => {
      await drain(evaluation());
      const other = factory.openSecond === undefined ? store : await factory.openSecond();
      if (other === undefined) throw new Error("no store");
      try {
        const created = await Promise.all([newRun(), newRun(), newRun(), newRun(), newRun()]);
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            (index % 2 === 0 ? evaluation() : other.evaluation).claimRun(`owner-${index}`, 60_000),
          ),
        );
        const claimed = claims.flatMap((run) => (run === undefined ? [] : [run.id]));
        expect(claimed.sort()).toEqual(created.map((run) => run.id).sort());
        expect(claims.filter((run) => run === undefined)).toHaveLength(3);
        for (const run of claims) {
          if (run !== undefined) {
            expect(run.status).toBe("running");
            expect(
              await evaluation().finishRun(run.id, run.leaseOwner ?? "", { status: "completed" }),
            ).toBe(true);
          }
        }
      } finally {
        if (other !== store) await other.close();
      }
    });

    it("gives a run whose lease expired to another claimer, which resumes its stored cells", async () => {
      await drain(evaluation());
      const run = await newRun();
      const first = await evaluation().claimRun("crashed", 1);
      expect(first?.id).toBe(run.id);
      await evaluation()
        .cellStorage(run.id)
        .save([cell("a"), cell("b", "failed")]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const resumed = await evaluation().claimRun("rescuer", 60_000);
      expect(resumed).toMatchObject({ id: run.id, leaseOwner: "rescuer" });
      expect(resumed?.progress).toEqual({ total: 3, done: 2, passed: 1, failed: 1, errored: 0 });
      const finished = await evaluation().cellStorage(run.id).finishedCells();
      expect(finished.map((one) => one.caseId)).toEqual(["a", "b"]);
      expect(await evaluation().renewLease(run.id, "crashed", 60_000)).toBe(false);
      expect(await evaluation().finishRun(run.id, "crashed", { status: "completed" })).toBe(false);
      expect(await evaluation().renewLease(run.id, "rescuer", 60_000)).toBe(true);
      const summaries = [{ promptId: "p", modelId: "m", cells: 3 }];
      expect(
        await evaluation().finishRun(run.id, "rescuer", { status: "completed", summaries }),
      ).toBe(true);
      const stored = await evaluation().getRun("default", run.id);
      expect(stored).toMatchObject({ status: "completed", summaries, leaseOwner: null });
      expect(stored?.finishedAt).not.toBeNull();
    });

    it("gives a released run back to the queue for the next claimer", async () => {
      await drain(evaluation());
      const run = await newRun();
      await evaluation().claimRun("leaving", 60_000);
      expect(await evaluation().releaseRun(run.id, "other")).toBe(false);
      expect(await evaluation().releaseRun(run.id, "leaving")).toBe(true);
      expect((await evaluation().getRun("default", run.id))?.status).toBe("queued");
      const next = await evaluation().claimRun("next", 60_000);
      expect(next).toMatchObject({ id: run.id, leaseOwner: "next" });
      await evaluation().cancelRun("default", run.id);
    });

    it("stores each cell once and counts it once, whatever the retries", async () => {
      const run = await newRun();
      const storage = evaluation().cellStorage(run.id);
      await storage.save([cell("a"), cell("b", "errored")]);
      await storage.save([cell("a", "failed"), cell("c", "failed")]);
      const stored = await evaluation().getRun("default", run.id);
      expect(stored?.progress).toEqual({ total: 3, done: 3, passed: 1, failed: 1, errored: 1 });
      const finished = await storage.finishedCells();
      expect(finished[0]).toEqual(cell("a"));
      expect(finished[1]).toEqual(cell("b", "errored"));
      const page = await evaluation().listResults(run.id, { limit: 2 });
      const rest = await evaluation().listResults(run.id, {
        limit: 2,
        cursor: page.nextCursor ?? undefined,
      });
      expect([...page.items, ...rest.items].map((one) => one.caseId)).toEqual(["a", "b", "c"]);
      expect(rest.nextCursor).toBeNull();
      await evaluation().cancelRun("default", run.id);
    });

    it("cancels a queued run, which no claimer then takes; lists newest first", async () => {
      await drain(evaluation());
      const older = await newRun();
      const run = await newRun();
      const cancelled = await evaluation().cancelRun("default", run.id);
      expect(cancelled.status).toBe("cancelled");
      const claimed = await evaluation().claimRun("someone", 60_000);
      expect(claimed?.id).toBe(older.id);
      expect(await evaluation().claimRun("someone", 60_000)).toBeUndefined();
      await evaluation().cancelRun("default", older.id);
      expect(await evaluation().renewLease(older.id, "someone", 60_000)).toBe(false);
      const listed = await evaluation().listRuns("default", { limit: 2 });
      expect(listed.items.map((one) => one.id)).toEqual([run.id, older.id]);
      expect(listed.items[0]).toMatchObject({ cases: [], caseCount: 3 });
      expect((await evaluation().getRun("default", run.id))?.cases).toHaveLength(3);
      const onlyCancelled = await evaluation().listRuns("default", {
        limit: 500,
        status: "completed",
      });
      expect(onlyCancelled.items.every((one) => one.status === "completed")).toBe(true);
      expect((await caught(() => evaluation().cancelRun("elsewhere", run.id))).code).toBe(
        "NOT_FOUND",
      );
    });
  });
}
