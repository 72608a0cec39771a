import { countMessageTokens, countTokens, defaultModels, withModelOverrides } from "@quire/core";
import { createColors } from "picocolors";
import { describe, expect, test } from "vitest";
import { formatTokenReport, tokenReport } from "./token-report.js";

const plain = createColors(false);
const messages = [
  { role: "system", content: "You sort support tickets into queues." },
  { role: "user", content: [{ text: "Ticket: my order is late " }, { text: "again." }] },
];

describe("tokenReport", () => {
  test("counts each message with its framing; the total adds the reply priming", async () => {
    const report = await tokenReport(
      { messages },
      {
        prompt: "support/triage",
        version: 3,
        model: "gpt-4o",
        models: defaultModels,
        source: "rendered",
      },
    );
    const exact = await countMessageTokens(messages, { model: "gpt-4o" });
    expect(report.total).toBe(exact.tokens);
    expect(report.messages?.map((message) => message.role)).toEqual(["system", "user"]);
    expect((report.messages ?? []).reduce((sum, message) => sum + message.tokens, 3)).toBe(
      report.total,
    );
    expect(report).toMatchObject({
      estimated: false,
      encoding: "o200k_base",
      contextWindow: 128_000,
      maxOutputTokens: 16_384,
      available: 128_000 - report.total - 16_384,
      notes: [],
    });
  });

  test("counts a text prompt without chat framing", async () => {
    const report = await tokenReport(
      { text: "Summarise: {{document}}" },
      { prompt: "a.prompt", model: "gpt-4", models: defaultModels, source: "template" },
    );
    expect(report.total).toBe(
      (await countTokens("Summarise: {{document}}", { model: "gpt-4" })).tokens,
    );
    expect(report.messages).toBeUndefined();
    expect(report.encoding).toBe("cl100k_base");
  });

  test("an unknown model has no window and a note saying how to add it; estimates say so", async () => {
    const report = await tokenReport(
      { text: "hello there" },
      { prompt: "a.prompt", model: "acme-9", models: defaultModels, source: "rendered" },
    );
    expect(report).toMatchObject({ contextWindow: null, available: null, estimated: true });
    expect(report.notes.join("\n")).toContain('[models."acme-9"]');
    expect(report.notes.join("\n")).toContain("estimates");
  });

  test("uses the model table it is given (quire.toml's [models])", async () => {
    const models = withModelOverrides({
      "acme-9": { contextWindow: 20, maxOutputTokens: 10, tokenizer: { encoding: "o200k_base" } },
    });
    const report = await tokenReport(
      { text: "word ".repeat(30) },
      { prompt: "a.prompt", model: "acme-9", models, source: "rendered" },
    );
    expect(report).toMatchObject({
      estimated: false,
      contextWindow: 20,
      available: 10 - report.total,
    });
    expect(formatTokenReport(report, plain)).toContain("tokens left (over)");
  });
});

describe("formatTokenReport", () => {
  test("prints one line per message, the total and the window left", async () => {
    const report = await tokenReport(
      { messages },
      {
        prompt: "support/triage",
        version: 3,
        model: "gpt-4o",
        models: defaultModels,
        source: "rendered",
      },
    );
    const [system, user] = report.messages ?? [];
    expect(formatTokenReport(report, plain)).toBe(
      [
        "support/triage v3 · gpt-4o (o200k_base, exact) · rendered",
        `  [system]  ${system?.tokens}`,
        `  [user]    ${user?.tokens}`,
        `  total     ${report.total} tokens (3 of them prime the reply)`,
        `  window 128,000 − prompt ${report.total} − max output 16,384 = ${(report.available ?? 0).toLocaleString("en-US")} tokens left`,
        "",
      ].join("\n"),
    );
  });

  test("marks every number of an estimate with ~", async () => {
    const report = await tokenReport(
      { messages },
      { prompt: "t", model: "claude-haiku-4-5", models: defaultModels, source: "template" },
    );
    const text = formatTokenReport(report, plain);
    expect(text).toContain("(o200k_base, estimate) · template as written");
    expect(text).toContain(`total     ~${report.total} tokens`);
    expect(text).toMatch(/note: claude-haiku-4-5's own tokenizer is not shipped/);
  });
});
