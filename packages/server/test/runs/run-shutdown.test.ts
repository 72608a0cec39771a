import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunResponse } from "@quire/core";
import { openStore } from "@quire/store";
import { expect, it } from "vitest";
import { dataOf, parseEventStream, startRunTestServer } from "./run-test-server.js";

it("flushes the runs' buffered execution records when the server closes: nothing is lost", async () => {
  const dataDirectory = await mkdtemp(join(tmpdir(), "quire-run-shutdown-"));
  try {
    const quire = await startRunTestServer({
      server: {
        dataDirectory,
        // Nothing is written before the close: a minute between flushes, large batches.
        executionLog: { flushIntervalMs: 60_000, batchSize: 1_000 },
      },
    });
    await quire.createPrompt({
      name: "shutdown/run",
      template: "Count {{n}}",
      config: { model: "local/echo" },
    });
    const ids: string[] = [];
    const runs = 40;
    for (let start = 0; start < runs; start += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, offset) =>
          quire.run<RunResponse>("shutdown/run", {
            variables: { n: start + offset },
            ...(offset % 2 === 0 ? { stream: true } : {}),
          }),
        ),
      );
      for (const response of batch) {
        expect(response.status).toBe(200);
        const executionId =
          typeof response.body === "string"
            ? (/"executionId":"([^"]+)"/.exec(response.body)?.[1] ?? "")
            : response.body.executionId;
        ids.push(executionId ?? "");
      }
    }
    expect(quire.server.executionLog.stats()).toMatchObject({ buffered: runs, written: 0 });

    // close() keeps the data folder: the store is reopened below.
    await quire.server.close();
    await quire.models.close();
    expect(quire.server.executionLog.stats()).toMatchObject({ buffered: 0, written: runs });

    const store = await openStore({ dataDirectory });
    try {
      const page = await store.executions.listExecutions({ limit: 500, prompt: "shutdown/run" });
      expect(page.items).toHaveLength(runs);
      expect(new Set(page.items.map((item) => item.id))).toEqual(new Set(ids));
      expect(page.items.filter((item) => item.timeToFirstTokenMs !== null)).toHaveLength(runs / 2);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
}, 60_000);

it("lets runs in flight finish when the server closes, stores their records, and does not wait on their connections", async () => {
  const dataDirectory = await mkdtemp(join(tmpdir(), "quire-run-shutdown-"));
  try {
    const quire = await startRunTestServer({
      script: (request) =>
        request.stream
          ? { type: "text", text: "a b c d e f", chunkDelayMs: 100 }
          : { type: "text", text: "whole", latencyMs: 400 },
      server: { dataDirectory, executionLog: { flushIntervalMs: 60_000 } },
    });
    await quire.createPrompt({
      name: "shutdown/slow",
      template: "Go",
      config: { model: "local/echo" },
    });
    const response = await fetch(`${quire.url}/v1/prompts/shutdown%2Fslow/run`, {
      method: "POST",
      headers: { authorization: `Bearer ${quire.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ stream: true }),
    });
    const text = response.text();
    const whole = quire.run<RunResponse>("shutdown/slow", {});
    await new Promise((resolve) => setTimeout(resolve, 150));
    const closeStarted = performance.now();
    const closing = quire.server.close();
    const events = parseEventStream(await text);
    expect((await whole).body.output).toBe("whole");
    await closing;
    // Not the keep-alive timeout (72 s): the connections are closed once the answers are out.
    expect(performance.now() - closeStarted).toBeLessThan(5_000);
    await quire.models.close();
    const done = events.at(-1);
    expect(done?.event).toBe("done");
    expect(dataOf<RunResponse>(done).output).toBe("a b c d e f");
    const store = await openStore({ dataDirectory });
    try {
      const stored = await store.executions.getExecution(
        dataOf<RunResponse>(done).executionId ?? "",
      );
      expect(stored).toMatchObject({ promptName: "shutdown/slow", success: true });
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDirectory, { recursive: true, force: true });
  }
}, 60_000);
