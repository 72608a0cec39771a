import { randomBytes } from "node:crypto";
import { isQuireError } from "@quire/core";
import type { EvalRunRecord, EvaluationStore } from "@quire/store";
import type { EvalProgressHub } from "./eval-progress-hub.js";

export interface EvalRunWorkerOptions {
  /** How long a claimed run stays this server's without a renewal (default 30 s). */
  leaseMs?: number;
  /** How often the queue is checked when nothing woke the worker (default 1 s). */
  pollIntervalMs?: number;
  /** Runs this server executes at once (default 2; 0: this server runs none, it only serves). */
  maxRuns?: number;
  /**
   * How often a running run's stored status is read, so a cancel made on another server stops it
   * between cells (default 1 s).
   */
  statusCheckIntervalMs?: number;
}

/** What executing one run means (engine's runEvaluation behind it); resolves with its outcome. */
export type RunExecutor = (
  run: EvalRunRecord,
  signal: AbortSignal,
) => Promise<{ status: "completed" | "cancelled"; summaries: unknown[] }>;

type StopReason = "cancelled" | "lease-lost" | "closing";

interface Logger {
  error(object: unknown, message: string): void;
}

/**
 * The eval-run job worker of one server: claims queued runs (and runs whose server died) from
 * the shared queue, executes them under a lease it renews, and stores how they ended. A cancel
 * (this server's route, or another's seen at the next renewal) stops a run between cells; on
 * close, runs in flight are given back to the queue for another server to resume.
 */
export class EvalRunWorker {
  readonly owner = `server-${randomBytes(6).toString("hex")}`;
  readonly #active = new Map<string, AbortController>();
  readonly #finished = new Set<Promise<void>>();
  readonly #leaseMs: number;
  readonly #maxRuns: number;
  readonly #statusCheckIntervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #claiming: Promise<void> | undefined;
  #closed = false;

  constructor(
    private readonly store: EvaluationStore,
    private readonly execute: RunExecutor,
    private readonly hub: EvalProgressHub,
    private readonly logger: Logger,
    options: EvalRunWorkerOptions = {},
  ) {
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#maxRuns = options.maxRuns ?? 2;
    this.#statusCheckIntervalMs = options.statusCheckIntervalMs ?? 1_000;
    this.#timer = setInterval(() => this.wake(), options.pollIntervalMs ?? 1_000);
    this.#timer.unref();
  }

  /** Claims runs now, up to the limit (after a POST, and on each poll). */
  wake(): void {
    if (this.#closed || this.#claiming !== undefined) return;
    this.#claiming = this.#claimAll()
      .catch((error: unknown) => this.logger.error({ err: error }, "claiming eval runs failed"))
      .finally(() => {
        this.#claiming = undefined;
      });
  }

  /** Stops a run this server executes (its cancel is already stored); false if not here. */
  stop(runId: string): boolean {
    const controller = this.#active.get(runId);
    controller?.abort("cancelled" satisfies StopReason);
    return controller !== undefined;
  }

  /** Stops claiming, stops the runs in flight and gives them back to the queue. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#claiming;
    for (const controller of this.#active.values())
      controller.abort("closing" satisfies StopReason);
    await Promise.all(this.#finished);
  }

  async #claimAll(): Promise<void> {
    while (!this.#closed && this.#active.size < this.#maxRuns) {
      const run = await this.store.claimRun(this.owner, this.#leaseMs);
      if (run === undefined) return;
      const controller = new AbortController();
      this.#active.set(run.id, controller);
      const finished = this.#run(run, controller)
        .catch((error: unknown) =>
          this.logger.error({ err: error, runId: run.id }, "ending an eval run failed"),
        )
        .finally(() => {
          this.#active.delete(run.id);
          this.#finished.delete(finished);
          this.wake();
        });
      this.#finished.add(finished);
    }
  }

  async #run(run: EvalRunRecord, controller: AbortController): Promise<void> {
    const { signal } = controller;
    const renewal = setInterval(() => {
      this.store.renewLease(run.id, this.owner, this.#leaseMs).then(
        (held) => {
          if (!held) controller.abort("lease-lost" satisfies StopReason);
        },
        (error: unknown) =>
          this.logger.error({ err: error, runId: run.id }, "lease renewal failed"),
      );
    }, this.#leaseMs / 3);
    const statusCheck = setInterval(() => {
      this.store.getRun(run.projectId, run.id).then(
        (stored) => {
          if (stored?.status !== "running" || stored.leaseOwner !== this.owner) {
            controller.abort(
              (stored?.status === "cancelled" ? "cancelled" : "lease-lost") satisfies StopReason,
            );
          }
        },
        (error: unknown) => this.logger.error({ err: error, runId: run.id }, "status check failed"),
      );
    }, this.#statusCheckIntervalMs);
    try {
      const outcome = await this.execute(run, signal);
      if (!signal.aborted && outcome.status === "completed") {
        await this.store.finishRun(run.id, this.owner, {
          status: "completed",
          summaries: outcome.summaries,
        });
      }
    } catch (error) {
      if (!signal.aborted) {
        this.logger.error({ err: error, runId: run.id }, "eval run failed");
        await this.store.finishRun(run.id, this.owner, {
          status: "failed",
          error: {
            code: isQuireError(error) ? error.code : "INTERNAL",
            message: error instanceof Error ? error.message : String(error),
          },
        });
      }
    } finally {
      clearInterval(renewal);
      clearInterval(statusCheck);
    }
    if (signal.aborted && signal.reason === "closing") {
      await this.store.releaseRun(run.id, this.owner);
    }
    const stored = await this.store.getRun(run.projectId, run.id);
    if (stored !== undefined) {
      this.hub.publish({ id: stored.id, status: stored.status, progress: stored.progress });
    }
  }
}
