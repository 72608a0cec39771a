/**
 * Token counting throughput (MB/s of UTF-8 input, o200k_base as for gpt-4o) on about 100 KB of
 * mixed prose, code and JSON, for Quire's `countTokens` and the libraries it was chosen against.
 *
 * How it measures, so one number is worth trusting:
 * - every peer counts the *same* fresh texts in a round (new seeds each round, so no merge cache
 *   has seen them; each peer has its own cache), five 100 KB texts per timed batch (~25–50 ms,
 *   far above timer resolution);
 * - peers run interleaved in a rotating order, garbage collected before each batch, after a
 *   warm-up of 2 MB each (the JIT and the caches of common words, as in a running server);
 * - the median of the rounds is reported, with the spread in the notes, and the median rate by
 *   this process's CPU time (less sensitive to other processes on a shared machine);
 * - counts are compared in every round: all exact peers must agree with gpt-tokenizer.
 *
 * `gpt-tokenizer` is a dependency of core. `ai-tokenizer`, `tiktoken` and `js-tiktoken` are
 * not (ai-tokenizer's optional peer `ai@^5` conflicts with the `ai@6` that llm uses); they are
 * measured when `QUIRE_BENCH_PEERS` names a folder where they are installed:
 *   npm install --prefix /tmp/token-peers ai-tokenizer@1.0.6 tiktoken@1.0.22 js-tiktoken@1.0.21
 *   QUIRE_BENCH_PEERS=/tmp/token-peers npm run bench -- token-count
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { countTokens, getTokenizer } from "@quire/core";
import o200k from "gpt-tokenizer/encoding/o200k_base";
import { median } from "./measure.js";
import type { BenchResult } from "./results.js";
import { mixedText, multilingualText } from "./token-texts.js";

const suite = "token-count";
const rounds = 15;
const textsPerBatch = 5;
const warmUpTexts = 20;
const model = "gpt-4o";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

interface Counter {
  name: string;
  count(text: string): number | Promise<number>;
  /** Gives tiktoken's counts (special-token text counted as text): checked every round. */
  exact: boolean;
}

const noSpecialTokens = { disallowedSpecial: new Set<string>() };

async function counters(): Promise<Counter[]> {
  const list: Counter[] = [
    {
      name: "quire countTokens",
      count: async (text) => (await countTokens(text, { model })).tokens,
      exact: true,
    },
    {
      name: "gpt-tokenizer countTokens",
      count: (text) => o200k.countTokens(text, noSpecialTokens),
      exact: true,
    },
  ];
  const peersFolder = process.env.QUIRE_BENCH_PEERS;
  if (peersFolder === undefined || peersFolder === "") return list;
  const require = createRequire(path.join(path.resolve(peersFolder), "package.json"));
  const load = async (specifier: string) => import(pathToFileURL(require.resolve(specifier)).href);
  // The peers' own types are not installed here; each is used through one call.
  const ai = await load("ai-tokenizer");
  const aiO200k = await load("ai-tokenizer/encoding/o200k_base");
  const aiTokenizer = new ai.Tokenizer(aiO200k);
  list.push({
    // encode(text, [], []): special-token text as text; `count()` throws on it.
    name: "ai-tokenizer encode().length",
    count: (text) => aiTokenizer.encode(text, [], []).length,
    exact: true,
  });
  const tiktoken = (await load("tiktoken")).get_encoding("o200k_base");
  list.push({
    name: "tiktoken (WebAssembly) encode_ordinary",
    count: (text) => tiktoken.encode_ordinary(text).length,
    exact: true,
  });
  const { Tiktoken } = await load("js-tiktoken/lite");
  const jsTiktoken = new Tiktoken((await load("js-tiktoken/ranks/o200k_base")).default);
  list.push({
    name: "js-tiktoken encode",
    count: (text) => jsTiktoken.encode(text, [], []).length,
    exact: true,
  });
  return list;
}

interface Measured {
  /** MB per second of wall-clock time, one per round. */
  rates: number[];
  /** MB per second of this process's CPU time (user + system), one per round. */
  cpuRates: number[];
}

async function measure(
  peers: Counter[],
  textOf: (seed: number) => string,
  firstSeed: number,
): Promise<{ rates: Map<string, Measured>; bytes: number; tokens: number }> {
  const utf8 = new TextEncoder();
  for (const peer of peers) {
    for (let index = 0; index < warmUpTexts; index += 1) await peer.count(textOf(index + 1));
  }
  const rates = new Map<string, Measured>(
    peers.map((peer) => [peer.name, { rates: [], cpuRates: [] }]),
  );
  let seed = firstSeed;
  let bytes = 0;
  let tokens = 0;
  for (let round = 0; round < rounds; round += 1) {
    const texts = Array.from({ length: textsPerBatch }, () => textOf(seed++));
    const batchBytes = texts.reduce((sum, text) => sum + utf8.encode(text).length, 0);
    const counts = new Map<string, number[]>();
    for (let offset = 0; offset < peers.length; offset += 1) {
      const peer = peers[(round + offset) % peers.length] as Counter;
      const results: number[] = [];
      collectGarbage();
      const cpuBefore = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (const text of texts) results.push(await peer.count(text));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      rates.get(peer.name)?.rates.push(batchBytes / 1e6 / seconds);
      rates.get(peer.name)?.cpuRates.push(batchBytes / 1e6 / cpuSeconds);
      counts.set(peer.name, results);
    }
    const reference = counts.get("gpt-tokenizer countTokens") ?? [];
    for (const peer of peers) {
      const own = counts.get(peer.name) ?? [];
      if (peer.exact && own.join() !== reference.join()) {
        throw new Error(
          `bench: ${peer.name} counted ${own.join(", ")} tokens in round ${round + 1}, gpt-tokenizer ${reference.join(", ")}`,
        );
      }
    }
    bytes = batchBytes / textsPerBatch;
    tokens = Math.round(reference.reduce((sum, count) => sum + count, 0) / textsPerBatch);
  }
  return { rates, bytes, tokens };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function results(
  peers: Counter[],
  measured: Awaited<ReturnType<typeof measure>>,
  label: string,
): BenchResult[] {
  const medians = new Map(
    peers.map((peer) => [peer.name, median(measured.rates.get(peer.name)?.rates ?? [])]),
  );
  const quire = medians.get("quire countTokens") ?? Number.NaN;
  return peers.map((peer) => {
    const rates = measured.rates.get(peer.name)?.rates ?? [];
    const cpuRate = median(measured.rates.get(peer.name)?.cpuRates ?? []);
    const value = medians.get(peer.name) ?? Number.NaN;
    const ratios =
      peer.name === "quire countTokens"
        ? Object.fromEntries(
            peers
              .filter((other) => other.name !== peer.name)
              .map((other) => [
                other.name,
                round2(quire / (medians.get(other.name) ?? Number.NaN)),
              ]),
          )
        : undefined;
    return {
      suite,
      name: `${peer.name} (o200k, ${label})`,
      value: round2(value),
      unit: `MB/s (median of ${rounds} rounds)`,
      ...(ratios === undefined ? {} : { ratios }),
      notes: `rounds ${round2(Math.min(...rates))}–${round2(Math.max(...rates))} MB/s; by CPU time ${round2(cpuRate)} MB/s (median); ${textsPerBatch} fresh texts of ~${Math.round(measured.bytes / 1000)} KB (~${measured.tokens} tokens) per round; counts equal gpt-tokenizer's in every round`,
    };
  });
}

export async function tokenCount(): Promise<BenchResult[]> {
  await getTokenizer({ model }); // loads the encoder once, outside the timing
  const peers = await counters();
  const mixed = await measure(peers, mixedText, 1_000);
  // Text that is mostly not ASCII: where Quire's ASCII fast path helps least.
  const quireAndLibrary = peers.slice(0, 2);
  const multilingual = await measure(quireAndLibrary, multilingualText, 2_000);
  return [
    ...results(peers, mixed, "100 KB prose/code/JSON"),
    ...results(quireAndLibrary, multilingual, "100 KB multilingual prose"),
  ];
}
