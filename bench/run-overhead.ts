/**
 * Quire's overhead around a model call: the time of `POST /v1/prompts/{name}/run` (render, cache
 * lookup and store, the model call, the execution log, the answer) minus the time of the same
 * call made directly with the same provider client, against the OpenAI-compatible test server
 * answering at once (a stand-in: no quality is measured here).
 *
 * Three processes: the test model server, a Quire server (PGlite; PostgreSQL too when
 * QUIRE_BENCH_DATABASE_URL or QUIRE_TEST_DATABASE_URL names one), and this one, which times
 * one request at a time over keep-alive connections, peers interleaved round by round:
 * - raw: `registry.languageModel(id).generate({messages, temperature: 0})` from this process,
 *   the messages rendered here beforehand (not timed);
 * - run: `POST /run` with fresh variables each time (a cache miss: lookup, call, store), the
 *   execution log writing in the background as it does in production;
 * - render: `POST /render` of the same prompt, for scale (the HTTP hop and the render alone).
 *
 * Two estimates of the overhead: (1) as asked, percentiles of run minus the same percentiles of
 * raw; (2) per request, the run's time seen here minus the provider call's time inside the
 * server (its `Server-Timing: provider;dur=…`), so the machine's noise on the model call itself
 * (large on these shared machines: compare raw p50 and p99) does not land in the difference.
 * Also reported: the server's own time inside the run handler (`Server-Timing: quire;dur=…`:
 * the run's latency minus its provider time, without the HTTP hop and body parsing), and how
 * late a 1 ms timer fires meanwhile in a fourth process that does nothing
 * (`fixtures/idle-process.ts`): the machine's scheduling delay under this load, in every tail.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { compilePrompt, type GenerateRequest } from "@quire/core";
import { createProviderRegistry } from "@quire/llm";
import { createPostgresTestDatabase } from "@quire/store/testing";
import { handlebarsTemplate, variables } from "./fixtures/realistic-template.js";
import { median, percentile } from "./measure.js";
import type { BenchResult } from "./results.js";

const suite = "run-overhead";
const model = "gpt-4o-mini";
const warmUpCalls = 400;
const callsPerRound = 250;
const rounds = 12;
const promptName = "bench/run";

async function startProcess(script: string, args: string[], environment = {}) {
  const child = spawn(
    process.execPath,
    [
      "--conditions=quire-source",
      "--import",
      "tsx",
      path.join(import.meta.dirname, script),
      ...args,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...environment } },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines)
    return { child, started: JSON.parse(line) as Record<string, string> };
  throw new Error(`bench: ${script} exited before printing its address`);
}

/** Starts `fixtures/idle-process.ts`; `finish` stops it and answers its timer lateness. */
async function startIdleProcess() {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "fixtures/idle-process.ts")],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[
    Symbol.asyncIterator
  ]();
  if ((await lines.next()).done) throw new Error("bench: the idle process exited at start");
  return {
    async finish(): Promise<{ p50: number; p99: number; p999: number }> {
      child.kill("SIGTERM");
      const last = await lines.next();
      if (last.done) throw new Error("bench: the idle process said nothing at exit");
      return JSON.parse(last.value) as { p50: number; p99: number; p999: number };
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

interface Answer {
  text: string;
  /** `provider;dur=` of the Server-Timing header, in ms (0 when absent). */
  providerMs: number;
  /** `quire;dur=`: the run handler's time outside provider calls. */
  quireMs: number;
}

function post(agent: http.Agent, url: URL, key: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const timing = String(response.headers["server-timing"]);
          const providerMs = Number(/provider;dur=([\d.]+)/.exec(timing)?.[1] ?? 0);
          const quireMs = Number(/quire;dur=([\d.]+)/.exec(timing)?.[1] ?? 0);
          if (response.statusCode === 200) resolve({ text, providerMs, quireMs });
          else
            reject(new Error(`bench: ${response.statusCode} from ${url}: ${text.slice(0, 300)}`));
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The variables of call `serial`: a different customer message each time, so every run misses the cache. */
function variablesFor(serial: number) {
  return { ...variables, query: `${variables.query} (ticket #${serial})` };
}

interface Timings {
  raw: number[];
  run: number[];
  render: number[];
  /** Per run: its time here minus the provider call's time inside the server. */
  ownTime: number[];
  /** Per run: the server's time in the run handler outside provider calls. */
  serverTime: number[];
  /** Median of each round, per peer. */
  roundMedians: { raw: number[]; run: number[]; render: number[] };
}

async function measure(baseUrl: string, quireUrl: string, key: string): Promise<Timings> {
  const registry = createProviderRegistry(
    { providers: [{ name: "local", kind: "openai-compatible", baseUrl, models: [model] }] },
    {},
  );
  const provider = registry.languageModel(`local/${model}`);
  const compiled = compilePrompt({
    type: "text",
    engine: "handlebars",
    template: handlebarsTemplate,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const runUrl = new URL(`/v1/prompts/${encodeURIComponent(promptName)}/run`, quireUrl);
  const renderUrl = new URL(`/v1/prompts/${encodeURIComponent(promptName)}/render`, quireUrl);
  let serial = 0;
  let ownTimes: number[] = [];
  let serverTimes: number[] = [];

  const peers = {
    raw: async () => {
      const rendered = compiled.render(variablesFor(serial++)) as { text: string };
      const request: GenerateRequest = {
        temperature: 0,
        messages: [{ role: "user", content: [{ type: "text", text: rendered.text }] }],
      };
      const started = performance.now();
      await provider.generate(request);
      return performance.now() - started;
    },
    run: async () => {
      const body = JSON.stringify({ variables: variablesFor(serial++) });
      const started = performance.now();
      const { providerMs, quireMs } = await post(agent, runUrl, key, body);
      const elapsed = performance.now() - started;
      ownTimes.push(elapsed - providerMs);
      serverTimes.push(quireMs);
      return elapsed;
    },
    render: async () => {
      const body = JSON.stringify({ variables: variablesFor(serial++) });
      const started = performance.now();
      await post(agent, renderUrl, key, body);
      return performance.now() - started;
    },
  };
  const timings: Timings = {
    raw: [],
    run: [],
    render: [],
    ownTime: [],
    serverTime: [],
    roundMedians: { raw: [], run: [], render: [] },
  };
  for (const peer of Object.values(peers)) {
    for (let call = 0; call < warmUpCalls; call += 1) await peer();
  }
  ownTimes = [];
  serverTimes = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, peer] of Object.entries(peers) as [
      keyof typeof peers,
      () => Promise<number>,
    ][]) {
      const times: number[] = [];
      for (let call = 0; call < callsPerRound; call += 1) times.push(await peer());
      timings[name].push(...times);
      timings.roundMedians[name].push(median(times));
    }
  }
  agent.destroy();
  timings.ownTime = ownTimes;
  timings.serverTime = serverTimes;
  return timings;
}

async function measureOn(
  backend: string,
  baseUrl: string,
  environment: Record<string, string>,
): Promise<BenchResult[]> {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "quire-bench-run-"));
  const { child, started } = await startProcess(
    "fixtures/start-run-server.ts",
    [dataDirectory, baseUrl, model],
    environment,
  );
  try {
    const url = started.url ?? "";
    const key = readFileSync(started.adminKeyPath ?? "", "utf8").trim();
    const created = await fetch(`${url}/v1/prompts`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: promptName,
        template: handlebarsTemplate,
        config: { model: `local/${model}`, temperature: 0 },
        labels: ["production"],
      }),
    });
    if (created.status !== 201) throw new Error(`bench: creating the prompt: ${created.status}`);
    const idle = await startIdleProcess();
    const timings = await measure(baseUrl, url, key);
    const lateness = await idle.finish();
    const p = (values: number[], fraction: number) => round3(percentile(values, fraction));
    const runP50 = p(timings.run, 0.5);
    const rawP50 = p(timings.raw, 0.5);
    const runP99 = p(timings.run, 0.99);
    const rawP99 = p(timings.raw, 0.99);
    const samples = `${rounds} interleaved rounds of ${callsPerRound} sequential calls per peer after ${warmUpCalls} warm-up calls`;
    const roundMedian = (values: number[]) => round3(median(values));
    const notes = `${backend}; ${samples}; per-round medians: raw ${roundMedian(timings.roundMedians.raw)} ms, run ${roundMedian(timings.roundMedians.run)} ms, render ${roundMedian(timings.roundMedians.render)} ms`;
    return [
      { suite, name: `${backend}: raw provider call p50`, value: rawP50, unit: "ms", notes },
      { suite, name: `${backend}: raw provider call p99`, value: rawP99, unit: "ms" },
      { suite, name: `${backend}: POST /run p50`, value: runP50, unit: "ms" },
      { suite, name: `${backend}: POST /run p99`, value: runP99, unit: "ms" },
      { suite, name: `${backend}: POST /render p50`, value: p(timings.render, 0.5), unit: "ms" },
      { suite, name: `${backend}: POST /render p99`, value: p(timings.render, 0.99), unit: "ms" },
      {
        suite,
        name: `${backend}: run overhead p50 (run − raw)`,
        value: round3(runP50 - rawP50),
        unit: "ms",
        notes: "goal < 1 ms",
      },
      {
        suite,
        name: `${backend}: run overhead p99 (run − raw)`,
        value: round3(runP99 - rawP99),
        unit: "ms",
        notes: "goal < 3 ms",
      },
      {
        suite,
        name: `${backend}: run overhead per request p50 (run − its provider call)`,
        value: p(timings.ownTime, 0.5),
        unit: "ms",
        notes: "goal < 1 ms; provider call timed inside the server (Server-Timing)",
      },
      {
        suite,
        name: `${backend}: run overhead per request p99 (run − its provider call)`,
        value: p(timings.ownTime, 0.99),
        unit: "ms",
        notes: "goal < 3 ms",
      },
      {
        suite,
        name: `${backend}: run handler's own time p50 (Server-Timing quire)`,
        value: p(timings.serverTime, 0.5),
        unit: "ms",
        notes: "render, cache lookup and store, wrappers, cost, execution log, inside the server",
      },
      {
        suite,
        name: `${backend}: run handler's own time p99 (Server-Timing quire)`,
        value: p(timings.serverTime, 0.99),
        unit: "ms",
      },
      {
        suite,
        name: `${backend}: an idle process's timer lateness p99`,
        value: round3(lateness.p99),
        unit: "ms",
        notes: `p99 (p50 ${round3(lateness.p50)} ms, p99.9 ${round3(lateness.p999)} ms): how late a 1 ms timer fired in a process with no work of its own, during the measurement — the machine's scheduling delay under this load, which every tail here includes`,
      },
    ];
  } finally {
    await stop(child);
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export async function runOverhead(): Promise<BenchResult[]> {
  const { child, started } = await startProcess("fixtures/start-model-server.ts", []);
  const baseUrl = started.baseUrl ?? "";
  try {
    const results = await measureOn("pglite", baseUrl, {});
    const adminUrl = process.env.QUIRE_BENCH_DATABASE_URL ?? process.env.QUIRE_TEST_DATABASE_URL;
    if (adminUrl === undefined) {
      console.log("run-overhead: PostgreSQL skipped (set QUIRE_BENCH_DATABASE_URL to include it)");
      return results;
    }
    const database = await createPostgresTestDatabase(adminUrl);
    try {
      results.push(...(await measureOn("postgres", baseUrl, { QUIRE_DATABASE_URL: database.url })));
    } finally {
      await database.drop();
    }
    return results;
  } finally {
    await stop(child);
  }
}
