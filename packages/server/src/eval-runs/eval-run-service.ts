import {
  type createEvalRunRequestSchema,
  type EvalResult,
  type EvalRun,
  type EvalRunComparison,
  type EvalRunStatus,
  QuireError,
} from "@quire/core";
import { type CellResult, compareRuns } from "@quire/engine";
import type { EvalCellRecord, EvaluationStore, Page, PageRequest } from "@quire/store";
import type { z } from "zod";
import type { PromptService } from "../prompts/prompt-service.js";
import type { EvalModels } from "./eval-models.js";
import { planEvalRun } from "./eval-run-planner.js";
import { evalRunShape } from "./eval-run-shape.js";
import type { EvalRunWorker } from "./eval-run-worker.js";

export interface EvalRunServiceDependencies {
  store: EvaluationStore;
  prompts: PromptService;
  models: EvalModels;
  worker: Pick<EvalRunWorker, "wake" | "stop">;
}

/** Most results a comparison reads per run. */
const comparisonPageSize = 500;

/** Eval runs behind the HTTP routes: start (queued for the workers), read, cancel, compare. */
export class EvalRunService {
  constructor(private readonly dependencies: EvalRunServiceDependencies) {}

  async create(
    projectId: string,
    request: z.output<typeof createEvalRunRequestSchema>,
    actor: string,
  ): Promise<EvalRun> {
    const planned = await planEvalRun(this.dependencies, projectId, request);
    const run = await this.dependencies.store.createRun({
      projectId,
      plan: planned.plan,
      cases: planned.cases,
      total: planned.total,
      createdBy: actor,
    });
    this.dependencies.worker.wake();
    return evalRunShape(run);
  }

  async get(projectId: string, id: string): Promise<EvalRun> {
    const run = await this.dependencies.store.getRun(projectId, id);
    if (run === undefined) throw runNotFound(id);
    return evalRunShape(run);
  }

  async list(
    projectId: string,
    page: PageRequest & { status?: EvalRunStatus | undefined },
  ): Promise<Page<EvalRun>> {
    const listed = await this.dependencies.store.listRuns(projectId, page);
    return { items: listed.items.map(evalRunShape), nextCursor: listed.nextCursor };
  }

  async cancel(projectId: string, id: string): Promise<EvalRun> {
    const run = await this.dependencies.store.cancelRun(projectId, id);
    this.dependencies.worker.stop(id);
    return evalRunShape(run);
  }

  async results(projectId: string, id: string, page: PageRequest): Promise<Page<EvalResult>> {
    await this.get(projectId, id);
    return this.dependencies.store.listResults(id, page);
  }

  async compare(
    projectId: string,
    query: { baseline: string; candidate: string; pairBy?: CompareBy; alpha?: number | undefined },
  ): Promise<EvalRunComparison> {
    const [baseline, candidate] = await Promise.all([
      this.allResults(projectId, query.baseline, "baseline"),
      this.allResults(projectId, query.candidate, "candidate"),
    ]);
    const comparison = compareRuns(baseline, candidate, {
      ...(query.pairBy === undefined ? {} : { pairBy: query.pairBy }),
      ...(query.alpha === undefined ? {} : { alpha: query.alpha }),
    });
    return { baseline: query.baseline, candidate: query.candidate, ...comparison };
  }

  private async allResults(projectId: string, id: string, field: string): Promise<CellResult[]> {
    const run = await this.dependencies.store.getRun(projectId, id);
    if (run === undefined) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `The ${field} run "${id}" does not exist: list runs with GET /v1/eval-runs.`,
        { details: { field, runId: id } },
      );
    }
    const cells: EvalCellRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.dependencies.store.listResults(id, {
        limit: comparisonPageSize,
        cursor,
      });
      cells.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    // The same shape; the store types the error class as any string.
    return cells as CellResult[];
  }
}

type CompareBy = "case-and-model" | "case-and-prompt" | "case";

export function runNotFound(id: string): QuireError {
  return new QuireError(
    "NOT_FOUND",
    `No eval run with id "${id}": list runs with GET /v1/eval-runs.`,
    {
      details: { runId: id },
    },
  );
}
