import { Worker } from "node:worker_threads";
import { QuireError } from "@quire/core";
import { sandboxWorkerSource } from "./sandbox-worker-source.js";

export interface JavaScriptSandboxOptions {
  /** Workers kept for jobs running at once (default 2). */
  workers?: number;
  /** The worker's heap limit in MB (default 64); a job that goes over it fails. */
  memoryLimitMb?: number;
}

export interface JavaScriptJob {
  /** A function body taking `output` and `context`. */
  body: string;
  /** The `{output, context}` argument as JSON text. */
  inputJson: string;
  timeoutMs: number;
}

interface WorkerReply {
  id: number;
  ok: boolean;
  json?: string;
  message?: string;
}

interface SandboxWorker {
  worker: Worker;
  /** The job it runs now, if any. */
  settle?: (reply: WorkerReply | Error) => void;
}

/**
 * Runs user JavaScript in worker threads, one job per worker at a time, each in a fresh locked-down
 * `vm` context (see sandbox-worker-source.ts). A job over its time limit terminates its worker
 * (an endless loop, sync or async, is stopped); the next job gets a new one. Workers are unref'd:
 * an idle sandbox never keeps the process alive.
 */
export class JavaScriptSandbox {
  private readonly maxWorkers: number;
  private readonly memoryLimitMb: number;
  private readonly idle: SandboxWorker[] = [];
  private readonly waiting: Array<(worker: SandboxWorker) => void> = [];
  private started = 0;
  private nextId = 0;
  private closed = false;

  constructor(options: JavaScriptSandboxOptions = {}) {
    this.maxWorkers = Math.max(1, options.workers ?? 2);
    this.memoryLimitMb = Math.max(8, options.memoryLimitMb ?? 64);
  }

  /** The value the job's function returned (its promise settled), as parsed JSON. */
  async run(job: JavaScriptJob): Promise<unknown> {
    if (this.closed) throw new QuireError("INTERNAL", "the JavaScript sandbox is closed");
    const sandboxWorker = await this.acquire();
    const id = this.nextId++;
    const reply = await new Promise<WorkerReply | Error>((resolve) => {
      const timer = setTimeout(() => {
        resolve(
          new QuireError(
            "VALIDATION_FAILED",
            `the javascript assertion timed out: it ran past its ${job.timeoutMs} ms limit and was stopped; make it finish sooner (no endless loops) or raise the timeout`,
            { details: { timeoutMs: job.timeoutMs } },
          ),
        );
      }, job.timeoutMs + 50);
      sandboxWorker.settle = (value) => {
        clearTimeout(timer);
        resolve(value);
      };
      sandboxWorker.worker.postMessage({ id, ...job });
    });
    sandboxWorker.settle = undefined;
    if (reply instanceof Error) {
      this.discard(sandboxWorker);
      throw reply;
    }
    this.release(sandboxWorker);
    if (!reply.ok) {
      const message = reply.message ?? "unknown error";
      const timedOut = /timed out/i.test(message);
      throw new QuireError(
        "VALIDATION_FAILED",
        timedOut
          ? `the javascript assertion timed out: it ran past its ${job.timeoutMs} ms limit and was stopped; make it finish sooner (no endless loops) or raise the timeout`
          : `the javascript assertion threw: ${message}`,
        { details: { timeoutMs: job.timeoutMs, reason: message } },
      );
    }
    return JSON.parse(reply.json ?? "null") as unknown;
  }

  /** Terminates every worker; later jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  private async acquire(): Promise<SandboxWorker> {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.started < this.maxWorkers) return this.spawn();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(entry: SandboxWorker): void {
    const waiter = this.waiting.shift();
    if (waiter !== undefined) waiter(entry);
    else this.idle.push(entry);
  }

  private discard(entry: SandboxWorker): void {
    this.started -= 1;
    void entry.worker.terminate();
    const waiter = this.waiting.shift();
    if (waiter !== undefined) waiter(this.spawn());
  }

  private spawn(): SandboxWorker {
    this.started += 1;
    const worker = new Worker(sandboxWorkerSource, {
      eval: true,
      env: {},
      argv: [],
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: {
        maxOldGenerationSizeMb: this.memoryLimitMb,
        maxYoungGenerationSizeMb: Math.max(4, Math.floor(this.memoryLimitMb / 4)),
        codeRangeSizeMb: 16,
        stackSizeMb: 4,
      },
    });
    worker.unref();
    const entry: SandboxWorker = { worker };
    worker.on("message", (reply: WorkerReply) => entry.settle?.(reply));
    const failed = (reason: string) => {
      const settle = entry.settle;
      const index = this.idle.indexOf(entry);
      if (index !== -1) {
        this.idle.splice(index, 1);
        this.started -= 1;
      }
      settle?.(
        new QuireError(
          "VALIDATION_FAILED",
          `the javascript assertion stopped its sandbox: ${reason}`,
          {
            details: { reason },
          },
        ),
      );
    };
    worker.on("error", (error) => {
      const outOfMemory = (error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY";
      failed(
        outOfMemory
          ? `it used more than the ${this.memoryLimitMb} MB memory limit`
          : (error as Error).message,
      );
    });
    worker.on("exit", () => failed("the sandbox worker exited"));
    return entry;
  }
}
