/**
 * Token counting throughput: Quire's `countTokens` (o200k, gpt-4o) on about 100 KB of mixed
 * prose, code and JSON, against gpt-tokenizer called directly, and a check that both counts agree.
 * Every round counts a fresh text (a different seed), so the encoder's merge cache cannot make a
 * repeated text look faster than a new one.
 */
import { countTokens, getTokenizer } from "@quire/core";
import o200k from "gpt-tokenizer/encoding/o200k_base";
import { median } from "./measure.js";
import type { BenchResult } from "./results.js";

const suite = "token-count";
const targetBytes = 100_000;
const rounds = 9;

const nouns = [
  "prompt",
  "template",
  "model",
  "token",
  "budget",
  "window",
  "message",
  "version",
  "label",
  "cache",
];
const verbs = [
  "renders",
  "counts",
  "stores",
  "compiles",
  "truncates",
  "returns",
  "validates",
  "reads",
];
const adjectives = [
  "long",
  "short",
  "cached",
  "stale",
  "exact",
  "estimated",
  "résumé-like",
  "naïve",
];

/** A small deterministic generator (mulberry32), so every run measures the same texts. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** About 100 KB of prose, TypeScript and JSON in turns, different for every seed. */
export function mixedText(seed: number): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const pieces: string[] = [];
  let size = 0;
  for (let block = 0; size < targetBytes; block += 1) {
    let piece: string;
    if (block % 3 === 0) {
      const sentences = Array.from({ length: 4 }, () => {
        const count = Math.floor(next() * 900);
        return `The ${pick(adjectives)} ${pick(nouns)} ${pick(verbs)} ${count.toLocaleString("en-US")} ${pick(nouns)}s — “quoted” text, 🚀 and ${pick(adjectives)} ${pick(nouns)}.`;
      });
      piece = `${sentences.join(" ")}\n\n`;
    } else if (block % 3 === 1) {
      const name = `${pick(verbs)}${pick(nouns).replace(/^./, (first) => first.toUpperCase())}`;
      piece = `export function ${name}(input: Record<string, unknown>, limit = ${Math.floor(next() * 4096)}): string[] {\n  const result: string[] = [];\n  for (const [key, value] of Object.entries(input)) {\n    if (result.length >= limit) break;\n    result.push(\`\${key}=\${JSON.stringify(value)}\`);\n  }\n  return result;\n}\n\n`;
    } else {
      const record = {
        id: `${pick(nouns)}-${Math.floor(next() * 1e6).toString(36)}`,
        version: Math.floor(next() * 40),
        labels: [pick(adjectives), pick(nouns)],
        config: {
          temperature: Math.round(next() * 100) / 100,
          maxTokens: Math.floor(next() * 8192),
        },
      };
      piece = `${JSON.stringify(record, null, 2)}\n`;
    }
    pieces.push(piece);
    size += piece.length;
  }
  return pieces.join("");
}

export async function tokenCount(): Promise<BenchResult[]> {
  const model = "gpt-4o";
  await getTokenizer({ model }); // loads the encoder once, outside the timing
  const utf8 = new TextEncoder();
  const noSpecialTokens = { disallowedSpecial: new Set<string>() };

  const warmUp = mixedText(0);
  await countTokens(warmUp, { model });
  o200k.countTokens(warmUp, noSpecialTokens);

  const quireRates: number[] = [];
  const directRates: number[] = [];
  let bytes = 0;
  let tokens = 0;
  for (let round = 1; round <= rounds; round += 1) {
    // Separate texts for the two, so neither profits from the other's merge cache.
    const quireText = mixedText(round * 2);
    const directText = mixedText(round * 2 + 1);
    const quireBytes = utf8.encode(quireText).length;
    const directBytes = utf8.encode(directText).length;

    let started = performance.now();
    const counted = await countTokens(quireText, { model });
    quireRates.push(quireBytes / 1e6 / ((performance.now() - started) / 1000));

    started = performance.now();
    o200k.countTokens(directText, noSpecialTokens);
    directRates.push(directBytes / 1e6 / ((performance.now() - started) / 1000));

    const reference = o200k.countTokens(quireText, noSpecialTokens);
    if (counted.tokens !== reference || counted.estimated || counted.encoding !== "o200k_base") {
      throw new Error(
        `bench: countTokens gave ${counted.tokens} tokens (${counted.encoding}) for round ${round}, gpt-tokenizer gives ${reference}`,
      );
    }
    bytes = quireBytes;
    tokens = counted.tokens;
  }

  const quireRate = median(quireRates);
  const directRate = median(directRates);
  const round2 = (value: number) => Math.round(value * 100) / 100;
  return [
    {
      suite,
      name: "quire countTokens (o200k, gpt-4o)",
      value: round2(quireRate),
      unit: `MB/s (median of ${rounds} rounds)`,
      ratios: { "gpt-tokenizer countTokens": round2(quireRate / directRate) },
      notes: `about ${bytes} bytes and ${tokens} tokens per round; counts equal gpt-tokenizer's in every round`,
    },
    {
      suite,
      name: "gpt-tokenizer countTokens (direct)",
      value: round2(directRate),
      unit: `MB/s (median of ${rounds} rounds)`,
    },
  ];
}
