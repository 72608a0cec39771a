/**
 * An open-loop load generator that sends requests evenly paced (one every 1/rate seconds, not in
 * bursts) over keep-alive connections, and times each from the moment it was due, so a stalled
 * server cannot hide its delay (no coordinated omission). Latencies have microsecond resolution.
 */
import http from "node:http";
import { percentile } from "./measure.js";

export interface PacedLoadOptions {
  url: string;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
  requestsPerSecond: number;
  seconds: number;
}

export interface PacedLoadResult {
  sent: number;
  failed: number;
  achievedPerSecond: number;
  p50Milliseconds: number;
  p99Milliseconds: number;
  p999Milliseconds: number;
  maxMilliseconds: number;
}

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const total = Math.round(options.requestsPerSecond * options.seconds);
  const intervalNanoseconds = 1e9 / options.requestsPerSecond;
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const started = process.hrtime.bigint();

  const send = (dueAt: bigint): Promise<void> =>
    new Promise((resolve) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          method: options.method,
          headers: options.headers,
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            if ((response.statusCode ?? 500) >= 300) failed += 1;
            latencies.push(Number(process.hrtime.bigint() - dueAt) / 1e6);
            resolve();
          });
        },
      );
      request.on("error", () => {
        failed += 1;
        resolve();
      });
      request.end(options.body);
    });

  const pending: Promise<void>[] = [];
  while (sent < total) {
    const elapsed = Number(process.hrtime.bigint() - started);
    const due = Math.min(total, Math.floor(elapsed / intervalNanoseconds) + 1);
    while (sent < due) {
      pending.push(send(started + BigInt(Math.round(sent * intervalNanoseconds))));
      sent += 1;
    }
    // Yield to the event loop until the next request is due (sub-millisecond waits spin on setImmediate).
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(pending);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return {
    sent,
    failed,
    achievedPerSecond: sent / seconds,
    p50Milliseconds: percentile(latencies, 0.5),
    p99Milliseconds: percentile(latencies, 0.99),
    p999Milliseconds: percentile(latencies, 0.999),
    maxMilliseconds: Math.max(...latencies),
  };
}
