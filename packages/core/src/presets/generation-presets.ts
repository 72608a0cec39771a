import type { GenerationParameters } from "../models/language-model.js";

export const generationPresetNames = [
  "coding",
  "creative-writing",
  "factual-qa",
  "summarization",
  "classification",
  "extraction",
  "translation",
  "math-reasoning",
] as const;
export type GenerationPresetName = (typeof generationPresetNames)[number];

/** Sampling settings and a system hint suited to one kind of task. */
export interface GenerationPreset {
  name: GenerationPresetName;
  description: string;
  parameters: Pick<GenerationParameters, "temperature" | "topP" | "maxOutputTokens">;
  /** One sentence a caller may add to the system prompt; never added automatically. */
  systemHint: string;
}

/*
 * Why the numbers. Temperature is the sampling knob every preset sets. None sets `topP` as well:
 * OpenAI and Anthropic both advise changing temperature or top-p, not both, and Anthropic's newest
 * models refuse a request that sets both; so top-p stays at the provider's default of 1 and a
 * version that prefers nucleus sampling sets `topP` itself (which then replaces the preset's
 * temperature, see `resolveGenerationParameters`). `maxOutputTokens` is a ceiling sized to the
 * task's usual answer, so a runaway reply is cut and its cost bounded; a version or a request
 * raises it when it needs more.
 */
export const generationPresets: Readonly<Record<GenerationPresetName, GenerationPreset>> = {
  coding: {
    name: "coding",
    description: "Writing, fixing and explaining code.",
    // Low temperature: code has one right spelling, and syntax errors cost more than blandness;
    // not 0, so a retry after a failing test can take a different path. 4096 tokens fits a file.
    parameters: { temperature: 0.2, maxOutputTokens: 4096 },
    systemHint:
      "Write correct, idiomatic code; state any assumption you make; put code in fenced blocks that name the language.",
  },
  "creative-writing": {
    name: "creative-writing",
    description: "Stories, marketing copy, brainstorming.",
    // High temperature (0.9) for varied word choice and ideas; below 1, so the unlikely tail
    // that turns into incoherence stays rare without also setting topP. 2048 tokens is a long piece.
    parameters: { temperature: 0.9, maxOutputTokens: 2048 },
    systemHint: "Write vivid, original prose; vary sentence rhythm and avoid clichés.",
  },
  "factual-qa": {
    name: "factual-qa",
    description: "Questions with one right answer, from knowledge or given context.",
    // Temperature 0: the most likely answer is the one wanted, and the same question should get
    // the same answer. Answers are short; 512 tokens leaves room for a sourced paragraph.
    parameters: { temperature: 0, maxOutputTokens: 512 },
    systemHint: "Answer accurately and concisely; if you are not sure, say so instead of guessing.",
  },
  summarization: {
    name: "summarization",
    description: "Condensing documents, threads and transcripts.",
    // A little temperature (0.3) lets the wording move away from the source's sentences without
    // inventing content; 1024 tokens bounds a summary to about a page.
    parameters: { temperature: 0.3, maxOutputTokens: 1024 },
    systemHint:
      "Summarize faithfully: keep the key facts and add nothing that is not in the source.",
  },
  classification: {
    name: "classification",
    description: "Choosing one label (or a few) from a fixed set.",
    // Temperature 0 makes the label reproducible, which evaluation and caching need. A label is
    // a few tokens; 64 allows multi-word labels and a short JSON wrapper, and stops rambling.
    parameters: { temperature: 0, maxOutputTokens: 64 },
    systemHint: "Answer with exactly one of the allowed labels and nothing else.",
  },
  extraction: {
    name: "extraction",
    description: "Pulling fields out of text into JSON or a fixed format.",
    // Temperature 0: every field must be copied, not paraphrased, and the format kept exactly.
    // Extracted records can be long (lists of items); 2048 tokens.
    parameters: { temperature: 0, maxOutputTokens: 2048 },
    systemHint:
      "Extract only what the text states, use null for anything missing, and return exactly the requested format.",
  },
  translation: {
    name: "translation",
    description: "Translating between languages, keeping meaning, tone and layout.",
    // Low temperature (0.2): faithful translation is near-deterministic, with a little room for
    // idiom. Output is about as long as the input; 2048 tokens covers a few pages.
    parameters: { temperature: 0.2, maxOutputTokens: 2048 },
    systemHint:
      "Translate faithfully, keeping meaning, tone and formatting; output only the translation.",
  },
  "math-reasoning": {
    name: "math-reasoning",
    description: "Arithmetic, word problems and logic, reasoned step by step.",
    // Temperature 0 (greedy decoding) gives the single best chain of reasoning; self-consistency
    // samples at a higher temperature on its own. Reasoning chains are long: 4096 tokens. The
    // hint asks for the "Answer:" line that `parseStructuredChainOfThought` reads.
    parameters: { temperature: 0, maxOutputTokens: 4096 },
    systemHint:
      'Reason step by step, check each step, and end with the final answer on its own line as "Answer: <answer>".',
  },
};

export function isGenerationPresetName(name: unknown): name is GenerationPresetName {
  return typeof name === "string" && (generationPresetNames as readonly string[]).includes(name);
}
