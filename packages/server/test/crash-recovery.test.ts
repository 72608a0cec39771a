import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CreateVersionResponse, LabelMove, Version } from "@quire/core";
import { afterAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";
import { request } from "./support/test-server.js";

const running: ServerProcess[] = [];
let dataDirectory: string | undefined;

afterAll(async () => {
  for (const child of running) await child.stop("SIGKILL");
  if (dataDirectory !== undefined) await rm(dataDirectory, { recursive: true, force: true });
});

describe("a server process killed with SIGKILL in the middle of writes (PGlite)", () => {
  it("loses no acknowledged write, starts again cleanly, and shuts down gracefully on SIGTERM", async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "quire-crash-test-"));
    const first = await startServerProcess({ dataDirectory });
    running.push(first);
    const key = (await readFile(first.adminKeyPath, "utf8")).trim();
    const name = "crash/subject";
    const path = `/v1/prompts/${encodeURIComponent(name)}`;
    expect(
      (await request(first.url, key, "POST", "/v1/prompts", { body: { name, template: "v1" } }))
        .status,
    ).toBe(201);

    // Four writers: versions, and label moves that point at versions already acknowledged.
    const acknowledged = new Map<number, string>();
    const acknowledgedMoves: number[] = [];
    let stop = false;
    let counter = 0;
    const writer = async () => {
      while (!stop) {
        const template = `write ${counter++}`;
        try {
          const response = await request<CreateVersionResponse>(
            first.url,
            key,
            "POST",
            `${path}/versions`,
            {
              body: { template },
            },
          );
          if (response.status === 201) acknowledged.set(response.body.version.number, template);
          const target = response.status === 201 ? response.body.version.number : undefined;
          if (target !== undefined && target % 5 === 0) {
            const moved = await request<LabelMove>(
              first.url,
              key,
              "PUT",
              `${path}/labels/production`,
              {
                body: { version: target },
              },
            );
            if (moved.status === 200) acknowledgedMoves.push(target);
          }
        } catch {
          return; // the process is gone
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    while (acknowledged.size < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill("SIGKILL");
    const exit = await first.exited;
    stop = true;
    await Promise.all(writers);
    expect(exit.signal).toBe("SIGKILL");

    const second = await startServerProcess({ dataDirectory });
    running.push(second);
    const listed = await request<{ items: Version[] }>(
      second.url,
      key,
      "GET",
      `${path}/versions?limit=500`,
    );
    expect(listed.status).toBe(200);
    const stored = new Map(listed.body.items.map((version) => [version.number, version.template]));
    for (const [number, template] of acknowledged) expect(stored.get(number)).toBe(template);
    // Numbers stay consecutive: a write cut short left no hole and no half-written version.
    const numbers = [...stored.keys()].sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, index) => index + 1));
    const history = await request<{ items: LabelMove[] }>(
      second.url,
      key,
      "GET",
      `${path}/labels/history?limit=500`,
    );
    const recordedMoves = new Set(history.body.items.map((move) => move.toVersion));
    for (const target of acknowledgedMoves) expect(recordedMoves.has(target)).toBe(true);

    // Still writable after the restart.
    const after = await request<CreateVersionResponse>(
      second.url,
      key,
      "POST",
      `${path}/versions`,
      {
        body: { template: "after the crash" },
      },
    );
    expect(after.status).toBe(201);
    expect(after.body.version.number).toBe(numbers.length + 1);

    const stopped = await second.stop("SIGTERM");
    expect(stopped.code === 0 || stopped.signal === "SIGTERM").toBe(true);
    expect(second.output()).not.toMatch(/error/i);

    // A graceful stop leaves the data directory ready for the next start.
    const third = await startServerProcess({ dataDirectory });
    running.push(third);
    const final = await request<{ items: Version[] }>(
      third.url,
      key,
      "GET",
      `${path}/versions?limit=1`,
    );
    expect(final.body.items[0]?.template).toBe("after the crash");
    await third.stop("SIGTERM");
  }, 120_000);
});
