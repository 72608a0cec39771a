/**
 * Latency of the hot read paths against a running server (its own process, PGlite) with
 * autocannon on loopback: a fixed 1,000 requests per second (latencies corrected for coordinated
 * omission), then an unlimited run for the ceiling in requests per second.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { handlebarsTemplate, variables } from "./fixtures/realistic-template.js";
import { pacedLoad } from "./paced-load.js";
import type { BenchResult } from "./results.js";

const suite = "http-latency";

async function startServerProcess(
  dataDirectory: string,
): Promise<{ child: ChildProcess; url: string; key: string }> {
  const child = spawn(
    process.execPath,
    [
      "--conditions=quire-source",
      "--import",
      "tsx",
      path.join(import.meta.dirname, "fixtures/start-server.ts"),
      dataDirectory,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const started = JSON.parse(line) as { url: string; adminKeyPath: string };
    return { child, url: started.url, key: readFileSync(started.adminKeyPath, "utf8").trim() };
  }
  throw new Error("bench: the server process exited before printing its address");
}

interface LoadOptions {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  overallRate?: number;
  seconds: number;
}

async function load(options: LoadOptions): Promise<autocannon.Result> {
  const result = await autocannon({
    url: options.url,
    method: options.method,
    headers: options.headers,
    ...(options.body === undefined ? {} : { body: options.body }),
    connections: 10,
    duration: options.seconds,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `bench: ${result.non2xx} non-2xx responses and ${result.errors} errors from ${options.url}`,
    );
  }
  return result;
}

export async function httpLatency(): Promise<BenchResult[]> {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "quire-bench-"));
  const { child, url, key } = await startServerProcess(dataDirectory);
  try {
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
    const name = "bench/triage";
    const created = await fetch(`${url}/v1/prompts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name, template: handlebarsTemplate, labels: ["production"] }),
    });
    if (created.status !== 201)
      throw new Error(`bench: creating the prompt answered ${created.status}`);
    const encoded = encodeURIComponent(name);
    const targets = [
      {
        label: "GET /v1/prompts/{name}?label=production",
        method: "GET" as const,
        url: `${url}/v1/prompts/${encoded}?label=production`,
      },
      {
        label: "POST /v1/prompts/{name}/render",
        method: "POST" as const,
        url: `${url}/v1/prompts/${encoded}/render`,
        body: JSON.stringify({ label: "production", variables }),
      },
    ];
    const results: BenchResult[] = [];
    for (const target of targets) {
      await load({ ...target, headers, seconds: 3 }); // warm up
      const fixed = await load({ ...target, headers, overallRate: 1000, seconds: 15 });
      const open = await load({ ...target, headers, seconds: 10 });
      const paced = await pacedLoad({ ...target, headers, requestsPerSecond: 1000, seconds: 15 });
      if (paced.failed > 0)
        throw new Error(`bench: ${paced.failed} failed requests to ${target.url}`);
      const entry = (name: string, value: number, unit: string): BenchResult => ({
        suite,
        name: `${target.label} ${name}`,
        value: Math.round(value * 100) / 100,
        unit,
      });
      results.push(
        entry("p50 at 1,000 req/s, evenly paced", paced.p50Milliseconds, "ms"),
        entry("p99 at 1,000 req/s, evenly paced", paced.p99Milliseconds, "ms"),
        entry("p99.9 at 1,000 req/s, evenly paced", paced.p999Milliseconds, "ms"),
        entry("achieved rate, evenly paced", Math.round(paced.achievedPerSecond), "req/s"),
        entry("p50 at 1,000 req/s, autocannon", fixed.latency.p50, "ms (autocannon: whole ms)"),
        entry("p99 at 1,000 req/s, autocannon", fixed.latency.p99, "ms (autocannon: whole ms)"),
        entry(
          "max throughput, autocannon",
          Math.round(open.requests.average),
          "req/s (10 connections)",
        ),
        entry("p99 at max throughput, autocannon", open.latency.p99, "ms (autocannon: whole ms)"),
      );
    }
    return results;
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
