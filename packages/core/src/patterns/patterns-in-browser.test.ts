import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/**
 * The builders, example selection and presets run in the web UI's editor too: bundle them for the
 * browser and run them where Node's globals (process, require, Buffer) do not exist.
 */
const core = (folder: string) =>
  JSON.stringify(path.resolve(import.meta.dirname, `../${folder}/index.ts`));
const entry = `
import { buildSystemPrompt, buildFewShotText, parseStructuredChainOfThought } from ${core("patterns")};
import { selectExamples } from ${core("example-selection")};
import { resolveGenerationParameters } from ${core("presets")};
const pool = [
  { input: "refund my duplicate charge", output: "billing", label: "billing" },
  { input: "the app crashes on start", output: "bug", label: "bug" },
  { input: "charged twice, please refund", output: "billing", label: "billing" },
];
globalThis.done = (async () => {
  const selection = await selectExamples(pool, {
    query: "duplicate charge refund",
    k: 2,
    balanceByLabel: true,
    tokenBudget: { maxTokens: 100, model: "gpt-4o" },
  });
  let unknownPreset;
  try { resolveGenerationParameters({ preset: "codng" }); } catch (error) { unknownPreset = error.message; }
  return {
    system: buildSystemPrompt({ role: "a triage bot", constraints: ["Be brief"] }),
    fewShot: buildFewShotText(selection.examples, { query: "it froze" }),
    labels: selection.examples.map((example) => example.label),
    exactTokens: selection.tokens.estimated === false && selection.tokens.used > 0,
    answer: parseStructuredChainOfThought("**Step 1:** think\\n**Answer:** 42").answer,
    parameters: resolveGenerationParameters({ preset: "classification" }, { seed: 1 }),
    unknownPreset,
  };
})();
`;

describe("patterns, example selection and presets in a browser", () => {
  it("bundle for the browser and run without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.process).toBeUndefined();
    expect(await sandbox.done).toEqual({
      system: "You are a triage bot.\n\n## Constraints\n- Be brief",
      fewShot:
        "Input: refund my duplicate charge\nOutput: billing\n\nInput: the app crashes on start\nOutput: bug\n\nInput: it froze\nOutput:",
      labels: ["billing", "bug"],
      exactTokens: true,
      answer: "42",
      parameters: { temperature: 0, maxOutputTokens: 64, seed: 1 },
      unknownPreset: expect.stringContaining('did you mean "coding"?'),
    });
  }, 60_000);
});
