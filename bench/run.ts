/**
 * `npm run bench`: runs every benchmark suite in one process, prints a table and writes
 * bench/results.json. Pass suite names to run only those (`npm run bench -- render-throughput`);
 * the results of the suites not run are kept from the existing file, each with when it was measured.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { evalOverhead } from "./eval-overhead.js";
import { executionIngest } from "./execution-ingest.js";
import { httpLatency } from "./http-latency.js";
import { injectionDetection } from "./injection-detection.js";
import { renderThroughput } from "./render-throughput.js";
import type { BenchReport, BenchResult } from "./results.js";
import { runOverhead } from "./run-overhead.js";
import { tokenCount } from "./token-count.js";

const suites: Record<string, () => Promise<BenchResult[]>> = {
  "render-throughput": renderThroughput,
  "http-latency": httpLatency,
  "token-count": tokenCount,
  "execution-ingest": executionIngest,
  "injection-detection": injectionDetection,
  "run-overhead": runOverhead,
  "eval-overhead": evalOverhead,
};

const wanted = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  const measuredAt = new Date().toISOString();
  const suiteResults = (await suite()).map((result) => ({ ...result, measuredAt }));
  for (const result of suiteResults) {
    const ratios = result.ratios
      ? `  (${Object.entries(result.ratios)
          .map(([peer, ratio]) => `${ratio}× ${peer}`)
          .join(", ")})`
      : "";
    console.log(
      `${result.name.padEnd(40)} ${String(result.value).padStart(12)} ${result.unit}${ratios}`,
    );
  }
  results.push(...suiteResults);
}

const target = path.join(import.meta.dirname, "results.json");
const ran = new Set(results.map((result) => result.suite));
const kept =
  wanted.length > 0 && existsSync(target)
    ? (JSON.parse(readFileSync(target, "utf8")) as BenchReport).results
        .filter((result) => !ran.has(result.suite))
        .map((result) => ({ ...result, measuredAt: result.measuredAt ?? previousRunTime(target) }))
    : [];

function previousRunTime(file: string): string | undefined {
  return (JSON.parse(readFileSync(file, "utf8")) as BenchReport).generatedAt;
}

const cpus = os.cpus();
const report: BenchReport = {
  generatedAt: new Date().toISOString(),
  command: `npm run bench${wanted.length > 0 ? ` -- ${wanted.join(" ")}` : ""}`,
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
  },
  results: [...kept, ...results],
};
writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), target)}`);
process.exit(0);
