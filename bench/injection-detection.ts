/**
 * Prompt-injection detection measured on the labelled sets in ../shared/datasets/injection
 * (read here, never copied into the repository; QUIRE_INJECTION_DATASETS points elsewhere):
 *
 * - Quality per set at the default sensitivity (threshold 0.5): precision, recall, F1 and
 *   false-positive rate, from 5-fold cross-validation with folds fixed by a seed — each row is
 *   scored by a model trained without its fold (the shipped model saw every row, so scoring the
 *   sets with it would report training-set figures). Folds are stratified by set and label, and
 *   near-duplicate rows (sharing eight words in a row) stay in one fold.
 * - The rules alone and the n-gram model alone, to show what each part adds.
 * - The jackhhao set's length bias (jailbreaks are long, benign prompts short): figures on a
 *   length-matched subset, and what a classifier that only looks at length scores.
 * - NotInject with a model that never saw NotInject (its FPR with the model trained on it is the
 *   cross-validated one above).
 * - Throughput of the shipped detector (`scanText`), in MB of UTF-8 text per second.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  createInjectionScanner,
  foldForMatching,
  type LinearModel,
  linearProbability,
  scanText,
  unpackLinearModel,
} from "@quire/core";
import { assignFolds } from "../scripts/injection-model/cross-validation.js";
import {
  type DetectionMetrics,
  detectionMetrics,
} from "../scripts/injection-model/detection-metrics.js";
import { featuresOf, fitInjectionModel } from "../scripts/injection-model/fit-injection-model.js";
import {
  type InjectionSetName,
  injectionDatasetsFolder,
  injectionSetNames,
  type LabelledText,
  loadInjectionDatasets,
} from "../scripts/injection-model/load-injection-datasets.js";
import { seededRandom, shuffle } from "../scripts/injection-model/seeded-random.js";
import {
  defaultTrainingOptions,
  packLinearModel,
} from "../scripts/injection-model/train-logistic-regression.js";
import type { BenchResult } from "./results.js";
import { megabytesPerSecond, type Throughput } from "./scan-throughput.js";

const suite = "injection-detection";
const folds = 5;
const foldSeed = 1;
const threshold = 0.5;

/** The model as shipped: quantised to bytes and back. */
function asShipped(model: LinearModel): LinearModel {
  return unpackLinearModel(packLinearModel(model, { trainedOn: [], heldOut: [], options: {} }));
}

interface Scores {
  combined: number[];
  rules: number[];
  model: number[];
}

function crossValidatedScores(rows: LabelledText[]): Scores {
  const fold = assignFolds(rows, folds, foldSeed);
  const features = featuresOf(rows, defaultTrainingOptions.bits);
  const rulesOnly = createInjectionScanner({ model: null });
  const scores: Scores = {
    combined: new Array(rows.length).fill(0),
    rules: rows.map((row) => rulesOnly(row.text).score),
    model: new Array(rows.length).fill(0),
  };
  for (let held = 0; held < folds; held += 1) {
    const training = rows.map((_row, index) => index).filter((index) => fold[index] !== held);
    const model = asShipped(
      fitInjectionModel(
        training.map((index) => rows[index] as LabelledText),
        training.map((index) => features[index] as (typeof features)[number]),
      ),
    );
    const scanner = createInjectionScanner({ model });
    rows.forEach((row, index) => {
      if (fold[index] !== held) return;
      scores.combined[index] = scanner(row.text).score;
      scores.model[index] = linearProbability(model, foldForMatching(row.text).text);
    });
  }
  return scores;
}

function metricsOf(rows: LabelledText[], indices: number[], scores: number[]): DetectionMetrics {
  return detectionMetrics(
    indices.map((index) => (rows[index] as LabelledText).label),
    indices.map((index) => (scores[index] ?? 0) >= threshold),
  );
}

/** Rows of each class in equal numbers within each length band (powers of two). */
function lengthMatched(rows: LabelledText[], indices: number[]): number[] {
  const bands = new Map<number, { positive: number[]; negative: number[] }>();
  for (const index of indices) {
    const row = rows[index] as LabelledText;
    const band = Math.floor(Math.log2(Math.max(16, row.text.length)));
    const entry = bands.get(band) ?? { positive: [], negative: [] };
    (row.label === 1 ? entry.positive : entry.negative).push(index);
    bands.set(band, entry);
  }
  const random = seededRandom(foldSeed);
  const kept: number[] = [];
  for (const { positive, negative } of bands.values()) {
    const count = Math.min(positive.length, negative.length);
    kept.push(
      ...shuffle(positive, random).slice(0, count),
      ...shuffle(negative, random).slice(0, count),
    );
  }
  return kept.sort((first, second) => first - second);
}

/** The best F1 a length threshold reaches ("longer than n characters is a jailbreak"). */
function lengthOnlyF1(rows: LabelledText[], indices: number[]): { f1: number; length: number } {
  let best = { f1: 0, length: 0 };
  const lengths = [...new Set(indices.map((index) => (rows[index] as LabelledText).text.length))];
  for (const length of lengths) {
    const metrics = detectionMetrics(
      indices.map((index) => (rows[index] as LabelledText).label),
      indices.map((index) => (rows[index] as LabelledText).text.length >= length),
    );
    if ((metrics.f1 ?? 0) > best.f1) best = { f1: metrics.f1 ?? 0, length };
  }
  return best;
}

/**
 * Throughput of `scanText` as released, in a fresh Node process: core's sources bundled by
 * esbuild as they are (tsc's build emits the same plain functions). Measured apart from this
 * process because the benchmark runs under tsx, whose transform wraps every function in a naming
 * helper (esbuild's keepNames) that slows this code by about a third, and because the
 * cross-validation above leaves a large heap behind.
 */
async function releasedThroughput(
  texts: string[],
): Promise<{ sets: Throughput; document: Throughput }> {
  const { build } = await import("esbuild");
  const folder = mkdtempSync(path.join(os.tmpdir(), "quire-scan-bench-"));
  try {
    const measure = `
      import { readFileSync } from "node:fs";
      import { scanText } from ${JSON.stringify(path.resolve(import.meta.dirname, "../packages/core/src/security/scan-text.ts"))};
      import { megabytesPerSecond } from ${JSON.stringify(path.resolve(import.meta.dirname, "scan-throughput.ts"))};
      const texts = JSON.parse(readFileSync(process.argv[2], "utf8"));
      const document = texts.join("\\n\\n").slice(0, 1_000_000);
      const sets = megabytesPerSecond(scanText, texts, 7);
      console.log(JSON.stringify({ sets, document: megabytesPerSecond(scanText, [document], 7) }));
    `;
    await build({
      stdin: { contents: measure, loader: "ts", resolveDir: import.meta.dirname },
      bundle: true,
      format: "esm",
      platform: "node",
      outfile: path.join(folder, "measure.mjs"),
      logLevel: "silent",
    });
    writeFileSync(path.join(folder, "texts.json"), JSON.stringify(texts));
    const output = execFileSync(
      process.execPath,
      [path.join(folder, "measure.mjs"), path.join(folder, "texts.json")],
      { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
    );
    return JSON.parse(output) as { sets: Throughput; document: Throughput };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const round3 = (value: number | null) =>
  value === null ? Number.NaN : Math.round(value * 1000) / 1000;

function counts(metrics: DetectionMetrics): string {
  return `${metrics.count} rows, ${metrics.positives} injections: TP ${metrics.truePositives}, FP ${metrics.falsePositives}, TN ${metrics.trueNegatives}, FN ${metrics.falseNegatives}`;
}

export async function injectionDetection(): Promise<BenchResult[]> {
  let rows: LabelledText[];
  try {
    rows = loadInjectionDatasets();
  } catch (error) {
    console.log(`skipped: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  console.log(
    `data sets from ${injectionDatasetsFolder()}; ${folds}-fold grouped CV, seed ${foldSeed}`,
  );
  const scores = crossValidatedScores(rows);
  const results: BenchResult[] = [];
  const cv = `${folds}-fold grouped cross-validation, seed ${foldSeed}, threshold ${threshold} (sensitivity medium)`;
  const report = (name: string, value: number, unit: string, notes: string) =>
    results.push({ suite, name, value, unit, notes });

  const indicesOf = (set: InjectionSetName) =>
    rows.map((_row, index) => index).filter((index) => rows[index]?.set === set);
  console.log("set        variant          precision  recall     F1   FPR");
  for (const set of injectionSetNames) {
    const indices = indicesOf(set);
    for (const variant of ["combined", "rules", "model"] as const) {
      const metrics = metricsOf(rows, indices, scores[variant]);
      console.log(
        `${set.padEnd(10)} ${variant.padEnd(16)} ${String(round3(metrics.precision)).padStart(9)} ${String(round3(metrics.recall)).padStart(7)} ${String(round3(metrics.f1)).padStart(6)} ${String(round3(metrics.falsePositiveRate)).padStart(5)}`,
      );
      const label =
        variant === "combined"
          ? ""
          : variant === "rules"
            ? " (rules only)"
            : " (n-gram model only)";
      if (metrics.positives > 0) {
        if (variant === "combined") {
          report(
            `${set} precision`,
            round3(metrics.precision),
            "ratio",
            `${cv}; ${counts(metrics)}`,
          );
          report(`${set} recall`, round3(metrics.recall), "ratio", `${cv}; ${counts(metrics)}`);
        }
        report(`${set} F1${label}`, round3(metrics.f1), "F1", `${cv}; ${counts(metrics)}`);
      }
      report(
        `${set} false-positive rate${label}`,
        round3(metrics.falsePositiveRate),
        "ratio",
        `${cv}; ${counts(metrics)}`,
      );
    }
  }

  const jackhhao = indicesOf("jackhhao");
  const matched = lengthMatched(rows, jackhhao);
  const matchedMetrics = metricsOf(rows, matched, scores.combined);
  const lengthFull = lengthOnlyF1(rows, jackhhao);
  const lengthMatchedBaseline = lengthOnlyF1(rows, matched);
  console.log(
    `jackhhao length-matched: F1 ${round3(matchedMetrics.f1)} FPR ${round3(matchedMetrics.falsePositiveRate)} (${counts(matchedMetrics)}); length alone: F1 ${round3(lengthFull.f1)} on the full set, ${round3(lengthMatchedBaseline.f1)} on the matched subset`,
  );
  const matchedNote = `${cv}; subset with equal numbers of jailbreak and benign rows in each length band (powers of two), seed ${foldSeed}; ${counts(matchedMetrics)}`;
  report(
    "jackhhao length-matched precision",
    round3(matchedMetrics.precision),
    "ratio",
    matchedNote,
  );
  report("jackhhao length-matched recall", round3(matchedMetrics.recall), "ratio", matchedNote);
  report("jackhhao length-matched F1", round3(matchedMetrics.f1), "F1", matchedNote);
  report(
    "jackhhao length-matched false-positive rate",
    round3(matchedMetrics.falsePositiveRate),
    "ratio",
    matchedNote,
  );
  report(
    "jackhhao F1 of length alone",
    round3(lengthFull.f1),
    "F1",
    `in-sample: the best threshold on length ("${lengthFull.length} characters or more is a jailbreak") on the full set; ${round3(lengthMatchedBaseline.f1)} on the length-matched subset`,
  );

  const notinject = indicesOf("notinject");
  const withoutNotInject = rows.filter((row) => row.set !== "notinject");
  const unseen = asShipped(
    fitInjectionModel(withoutNotInject, featuresOf(withoutNotInject, defaultTrainingOptions.bits)),
  );
  const unseenScanner = createInjectionScanner({ model: unseen });
  const unseenMetrics = detectionMetrics(
    notinject.map(() => 0 as const),
    notinject.map((index) => unseenScanner((rows[index] as LabelledText).text).flagged),
  );
  console.log(
    `notinject FPR with a model never trained on NotInject: ${round3(unseenMetrics.falsePositiveRate)}`,
  );
  report(
    "notinject false-positive rate (model not trained on NotInject)",
    round3(unseenMetrics.falsePositiveRate),
    "ratio",
    `model trained on all deepset and jackhhao rows only; ${counts(unseenMetrics)}`,
  );

  const texts = rows.map((row) => row.text);
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
  const released = await releasedThroughput(texts);
  const measured = {
    sets: released.sets,
    document: released.document,
    setsUnderTsx: megabytesPerSecond(scanText, texts, 7),
  };
  console.log(
    `throughput: ${measured.sets.median.toFixed(2)} MB/s over the sets' texts, ${measured.document.median.toFixed(2)} MB/s on one 1 MB document (${measured.setsUnderTsx.median.toFixed(2)} MB/s over the sets under tsx; load ${load})`,
  );
  const totalMegabytes = texts.reduce((total, text) => total + Buffer.byteLength(text), 0) / 1e6;
  const machine = `load average ${load} on ${os.cpus().length} cores`;
  report(
    "scanText throughput (the sets' texts)",
    Math.round(measured.sets.median * 100) / 100,
    "MB/s (median of 7 rounds)",
    `${texts.length} texts, ${totalMegabytes.toFixed(2)} MB per round, rules and shipped model, core bundled by esbuild as released, in a fresh process; rounds: ${measured.sets.rounds.map((rate) => rate.toFixed(2)).join(", ")}; ${measured.sets.cpu.toFixed(2)} MB per CPU-second; the same run from sources under tsx (its keep-names wrappers): ${measured.setsUnderTsx.median.toFixed(2)} MB/s; ${machine}`,
  );
  report(
    "scanText throughput (one 1 MB document)",
    Math.round(measured.document.median * 100) / 100,
    "MB/s (median of 7 rounds)",
    `the sets' texts joined and cut at 1,000,000 characters, core bundled by esbuild as released, in a fresh process; rounds: ${measured.document.rounds.map((rate) => rate.toFixed(2)).join(", ")}; ${measured.document.cpu.toFixed(2)} MB per CPU-second; ${machine}`,
  );
  return results;
}
