/** Generated texts for the token-count bench: deterministic per seed, about 100 KB each. */

const targetBytes = 100_000;

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

const multilingualSentences = [
  "Der naïve Prüfer zählt Tokens für jede Vorlage, bevor sie gespeichert wird.",
  "Модель считает токены в каждом сообщении и оставляет место для ответа.",
  "模型在渲染之前计算每条消息的令牌数量，并保留回复的空间。",
  "プロンプトのバージョンごとにトークン数を数え、残りのコンテキストを表示します。",
  "Le modèle compte les jetons de chaque message — et garde la fenêtre ouverte.",
  "El modelo cuenta los tókenes de cada mensaje y reserva espacio para la respuesta.",
  "모델은 각 메시지의 토큰 수를 세고 답변을 위한 공간을 남겨 둡니다.",
  "Η έκδοση της προτροπής μετρά τα διακριτικά πριν από την απόδοση.",
];

/** About 100 KB of prose in eight languages, mostly outside ASCII, different for every seed. */
export function multilingualText(seed: number): string {
  const next = random(seed);
  const pieces: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const sentence = multilingualSentences[Math.floor(next() * multilingualSentences.length)] ?? "";
    const piece = `${sentence} (${Math.floor(next() * 100_000)})${next() < 0.2 ? "\n\n" : " "}`;
    pieces.push(piece);
    size += new TextEncoder().encode(piece).length;
  }
  return pieces.join("");
}
