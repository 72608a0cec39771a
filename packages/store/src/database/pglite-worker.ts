import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** What the embedded database answers a query: PGlite's rows and affected-row count. */
export interface PgliteQueryResult<Row> {
  rows: Row[];
  affectedRows?: number;
}

/**
 * PGlite running on a worker thread. PGlite is PostgreSQL compiled to WebAssembly: each
 * statement runs synchronously on the thread that owns it, so on the server's thread a batch of
 * execution records (~30–50 ms for 300 rows) stalled every request in flight. Here the thread
 * that serves requests only posts the statement and awaits its answer.
 *
 * The methods are the part of PGlite's interface that kysely-pglite-dialect and the migrations
 * use: `query`, `exec` and `close`. Statements run in the order they are posted (PGlite
 * serializes them), so the dialect's one-connection queue keeps transactions whole.
 */
export interface PgliteWorker {
  query<Row>(text: string, parameters?: unknown[]): Promise<PgliteQueryResult<Row>>;
  exec(script: string): Promise<void>;
  /** Closes the database (writing what it holds) and ends the thread. */
  close(): Promise<void>;
}

type Command =
  | { kind: "query"; text: string; parameters: unknown[] }
  | { kind: "exec"; text: string }
  | { kind: "close" };

type Reply =
  | { kind: "ready" }
  | { kind: "failed"; error: SerializedError }
  | { id: number; kind: "result"; result: unknown }
  | { id: number; kind: "error"; error: SerializedError };

/** An error as it crosses threads: its message and its own fields (`code`, `detail`…). */
type SerializedError = { message: string; name: string; fields: Record<string, unknown> };

/**
 * The worker's code, run as a CommonJS script (`eval`), so the same text works from the
 * TypeScript sources, the built package and the test runner. It loads PGlite and pgvector from
 * the paths the parent resolved.
 */
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const serialize = (error) => {
  const fields = {};
  if (error !== null && typeof error === "object") {
    for (const [key, value] of Object.entries(error)) {
      if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
    }
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : "Error",
    fields,
  };
};
(async () => {
  let database;
  try {
    const { PGlite } = require(workerData.pglitePath);
    const { vector } = require(workerData.vectorPath);
    database = await PGlite.create(workerData.folder, { extensions: { vector } });
  } catch (error) {
    parentPort.postMessage({ kind: "failed", error: serialize(error) });
    return;
  }
  parentPort.on("message", async (request) => {
    try {
      let result = null;
      if (request.kind === "query") {
        const answer = await database.query(request.text, request.parameters);
        result = { rows: answer.rows, affectedRows: answer.affectedRows };
      } else if (request.kind === "exec") {
        await database.exec(request.text);
      } else if (request.kind === "close") {
        await database.close();
      }
      parentPort.postMessage({ id: request.id, kind: "result", result });
    } catch (error) {
      parentPort.postMessage({ id: request.id, kind: "error", error: serialize(error) });
    }
  });
  parentPort.postMessage({ kind: "ready" });
})();
`;

function deserialize(error: SerializedError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  Object.assign(rebuilt, error.fields);
  return rebuilt;
}

/** Opens (creating on first use) the PGlite database in `folder` on a new worker thread. */
export async function startPgliteWorker(folder: string): Promise<PgliteWorker> {
  const require = createRequire(import.meta.url);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      folder,
      pglitePath: require.resolve("@electric-sql/pglite"),
      vectorPath: require.resolve("@electric-sql/pglite/vector"),
    },
  });
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let nextId = 1;
  let ended: Error | undefined;

  const failAll = (error: Error) => {
    ended ??= error;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  worker.on("error", (error) => failAll(error));
  worker.on("exit", (code) =>
    failAll(new Error(`the embedded database's thread ended (exit code ${code})`)),
  );

  await new Promise<void>((resolve, reject) => {
    const onMessage = (reply: Reply) => {
      if (reply.kind === "ready") {
        worker.off("message", onMessage);
        resolve();
      } else if (reply.kind === "failed") {
        worker.off("message", onMessage);
        void worker.terminate();
        reject(deserialize(reply.error));
      }
    };
    worker.on("message", onMessage);
    worker.once("error", reject);
    worker.once("exit", (code) =>
      reject(new Error(`the embedded database's thread ended while opening (exit code ${code})`)),
    );
  });
  worker.on("message", (reply: Reply) => {
    if (!("id" in reply)) return;
    const waiting = pending.get(reply.id);
    if (waiting === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.kind === "error") waiting.reject(deserialize(reply.error));
    else waiting.resolve(reply.result);
  });
  // The thread keeps the process alive only while a statement is under way, as PGlite on the
  // main thread did: a command that forgets to close still exits.
  worker.unref();

  const send = <Result>(command: Command): Promise<Result> => {
    if (ended !== undefined) return Promise.reject(ended);
    const id = nextId++;
    return new Promise<Result>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (pending.size === 1) worker.ref();
      worker.postMessage({ ...command, id });
    });
  };

  let closing: Promise<void> | undefined;
  return {
    query: <Row>(text: string, parameters: unknown[] = []) =>
      send<PgliteQueryResult<Row>>({ kind: "query", text, parameters }),
    exec: (script) => send<void>({ kind: "exec", text: script }),
    close() {
      closing ??= (async () => {
        try {
          if (ended === undefined) await send<void>({ kind: "close" });
        } finally {
          ended ??= new Error("the embedded database is closed; open the store again to use it");
          await worker.terminate();
        }
      })();
      return closing;
    },
  };
}
