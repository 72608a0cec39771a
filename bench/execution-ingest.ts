/**
 * Ingest throughput of `POST /v1/executions`: execution records accepted per second, sent in
 * batches of 500 over real HTTP (keep-alive, a few requests in flight) to a server in its own
 * process, on PGlite and on PostgreSQL. Every record is new (unique clientId), realistic in
 * size (~480 bytes of JSON), and every answer is checked (200, 500 accepted).
 *
 * PostgreSQL runs when QUIRE_BENCH_DATABASE_URL or QUIRE_TEST_DATABASE_URL names a server
 * (an admin URL: a fresh database is created there and dropped after); otherwise it is skipped
 * with a notice.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { createPostgresTestDatabase } from "@quire/store/testing";
import { median } from "./measure.js";
import type { BenchResult } from "./results.js";

const suite = "execution-ingest";
const batchSize = 500;
const requestsPerRound = 80;
const rounds = 7;
const inFlight = 4;

interface ServerProcess {
  child: ChildProcess;
  url: string;
  key: string;
}

async function startServerProcess(
  dataDirectory: string,
  environment: Record<string, string>,
): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [
      "--conditions=quire-source",
      "--import",
      "tsx",
      path.join(import.meta.dirname, "fixtures/start-server.ts"),
      dataDirectory,
    ],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...environment } },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const started = JSON.parse(line) as { url: string; adminKeyPath: string };
    return { child, url: started.url, key: readFileSync(started.adminKeyPath, "utf8").trim() };
  }
  throw new Error("bench: the server process exited before printing its address");
}

/** One request's body: 500 records with clientIds no other request uses. */
function batchBody(round: number, request: number): Buffer {
  const createdAt = new Date().toISOString();
  const executions = Array.from({ length: batchSize }, (_, index) => {
    const serial = (round * requestsPerRound + request) * batchSize + index;
    return {
      clientId: `bench-${round}-${request}-${index}`,
      promptName: `bench/prompt-${serial % 20}`,
      version: 1 + (serial % 3),
      label: "production",
      model: serial % 4 === 0 ? "claude-sonnet-4" : "gpt-4o-mini",
      provider: serial % 4 === 0 ? "anthropic" : "openai",
      inputTokens: 800 + (serial % 400),
      outputTokens: 120 + (serial % 90),
      cachedTokens: serial % 2 === 0 ? 512 : 0,
      latencyMs: 400 + (serial % 900) + 0.25,
      timeToFirstTokenMs: 150 + (serial % 200),
      cost: 0.0002 + (serial % 50) / 1e6,
      success: serial % 25 !== 0,
      ...(serial % 25 === 0 ? { errorClass: "rate-limit" } : {}),
      cacheHit: serial % 10 === 0,
      contextSignature: "9f2c4e1a7b3d5c60",
      endUserId: `user-${serial % 997}`,
      sessionId: `session-${serial % 3989}`,
      metadata: { feature: "triage", region: "eu-west" },
      createdAt,
    };
  });
  return Buffer.from(JSON.stringify({ executions }));
}

function post(agent: http.Agent, url: URL, key: string, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200) {
            reject(new Error(`bench: ${response.statusCode} from ${url}: ${text.slice(0, 300)}`));
            return;
          }
          const answer = JSON.parse(text) as { accepted: unknown[] };
          if (answer.accepted.length !== batchSize) {
            reject(
              new Error(
                `bench: ${answer.accepted.length} of ${batchSize} accepted: ${text.slice(0, 300)}`,
              ),
            );
            return;
          }
          resolve();
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** Sends the bodies with `inFlight` requests at a time; returns the seconds it took. */
async function sendAll(
  agent: http.Agent,
  url: URL,
  key: string,
  bodies: Buffer[],
): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let index = next++; index < bodies.length; index = next++) {
        await post(agent, url, key, bodies[index] as Buffer);
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function measure(label: string, environment: Record<string, string>): Promise<BenchResult> {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), "quire-bench-ingest-"));
  const server = await startServerProcess(dataDirectory, environment);
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  try {
    const url = new URL("/v1/executions", server.url);
    const perRound: number[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      const bodies = Array.from({ length: requestsPerRound }, (_, request) =>
        batchBody(round, request),
      );
      const seconds = await sendAll(agent, url, server.key, bodies);
      const rate = (requestsPerRound * batchSize) / seconds;
      if (round > 0) perRound.push(rate); // round 0 warms up
      console.log(
        `  ${label} round ${round}${round === 0 ? " (warm-up)" : ""}: ${Math.round(rate)} executions/s`,
      );
    }
    return {
      suite,
      name: `POST /v1/executions, ${label}`,
      value: Math.round(median(perRound)),
      unit: `executions/s (median of ${rounds} rounds of ${requestsPerRound} batches of ${batchSize})`,
      notes: `rounds: ${perRound.map((rate) => Math.round(rate)).join(", ")}; ${inFlight} requests in flight over keep-alive; server in its own process`,
    };
  } finally {
    agent.destroy();
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}

export async function executionIngest(): Promise<BenchResult[]> {
  const results = [await measure("PGlite", {})];
  const adminUrl = process.env.QUIRE_BENCH_DATABASE_URL || process.env.QUIRE_TEST_DATABASE_URL;
  if (adminUrl === undefined || adminUrl === "") {
    console.log(
      "notice: QUIRE_BENCH_DATABASE_URL and QUIRE_TEST_DATABASE_URL are not set; skipping the PostgreSQL ingest run (set one, e.g. postgres://postgres@127.0.0.1:5432/postgres).",
    );
    return results;
  }
  const database = await createPostgresTestDatabase(adminUrl);
  try {
    results.push(await measure("PostgreSQL", { QUIRE_DATABASE_URL: database.url }));
  } finally {
    await database.drop();
  }
  return results;
}
