import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";
import { editedPrompt } from "./editor-flows.js";

/**
 * Three cases for support/reply: one every version passes, one only v2 passes (it promises to
 * write again "within a day"), one asking for a word no version says.
 */
const cases = [
  {
    id: "parcel",
    variables: { customer: "Ada", topic: "a late parcel" },
    assertions: [{ type: "icontains", value: "late parcel" }],
  },
  {
    id: "invoice",
    variables: { customer: "Grace", topic: "a wrong invoice" },
    assertions: [{ type: "icontains", value: "within a day" }],
  },
  {
    id: "refund",
    variables: { customer: "Alan", topic: "his order" },
    assertions: [{ type: "icontains", value: "refund" }],
  },
];

/** Runs v2 on the same dataset and compares it with the first run: the invoice case improved. */
async function compareWithVersionTwo(harness: BrowserHarness, baselineId: string): Promise<void> {
  const { page } = harness;
  await page.getByRole("link", { name: "Evaluations" }).first().click();
  const form = page.getByRole("form", { name: "New eval run" });
  await form.getByLabel("Prompts").fill(`${editedPrompt}:2`);
  await form.getByLabel("local/echo").check();
  await form.getByLabel("local/mirror").check();
  await form.getByRole("button", { name: "Start run" }).click();
  await page.locator(".run-state-completed").first().waitFor({ timeout: 30_000 });
  await eventually(() => page.getByTestId("eval-progress").textContent()).toBe(
    "6/6 cells (100%) · 4 passed · 2 failed",
  );
  const candidateId = decodeURIComponent(page.url().split("/evaluations/runs/")[1] ?? "");

  await page.getByRole("link", { name: "Evaluations" }).first().click();
  await page.getByLabel("Baseline").selectOption(baselineId);
  await page.getByLabel("Candidate").selectOption(candidateId);
  await page.getByRole("button", { name: "Compare" }).click();
  const comparison = page.getByTestId("comparison");
  await comparison.getByText(/33%/).first().waitFor();
  const improved = comparison.getByRole("region", { name: "Improved cases" });
  await eventually(() => improved.getByRole("listitem").allTextContents()).toEqual([
    "invoice on local/echo: failed → passed",
    "invoice on local/mirror: failed → passed",
  ]);
  await comparison.getByRole("region", { name: "Regressed cases" }).getByText("None.").waitFor();
  await harness.screenshot("evaluation-compare");
}

/**
 * Evaluations: upload a JSONL dataset, browse its cases, run the production version on two
 * models with live progress, and read a failed cell's answer and assertion reason.
 */
export async function runAnEvaluation(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  const folder = await mkdtemp(join(tmpdir(), "quire-dataset-"));
  try {
    const file = join(folder, "smoke.jsonl");
    await writeFile(file, `${cases.map((testCase) => JSON.stringify(testCase)).join("\n")}\n`);

    await harness.open("/");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Evaluations" })
      .click();
    await page.getByRole("heading", { name: "Evaluations", level: 1 }).waitFor();
    await page.getByLabel("Dataset name").fill("support/smoke");
    await page.getByLabel("File (CSV, JSON or JSONL)").setInputFiles(file);
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByText("Imported 3 cases into support/smoke (3 in all).").waitFor();
    const casesTable = page.getByRole("table", { name: "Cases of support/smoke" });
    await casesTable.getByRole("cell", { name: "refund" }).waitFor();

    const form = page.getByRole("form", { name: "New eval run" });
    await form.getByLabel("Prompts").fill(`${editedPrompt}@production`);
    await form.getByLabel("local/echo").check();
    await form.getByLabel("local/mirror").check();
    await eventually(() => form.getByLabel("Dataset").inputValue()).toBe("support/smoke");
    await harness.screenshot("evaluations");
    await form.getByRole("button", { name: "Start run" }).click();

    await eventually(() => page.url()).toContain("/evaluations/runs/");
    await page.locator(".run-state-completed").first().waitFor({ timeout: 30_000 });
    await eventually(() => page.getByTestId("eval-progress").textContent()).toBe(
      "6/6 cells (100%) · 2 passed · 4 failed",
    );
    const summaries = page.getByRole("table", { name: "Summary per prompt and model" });
    await eventually(() => summaries.getByRole("row").count()).toBe(3);

    const failed = page.getByRole("button", { name: "refund on local/echo: failed" });
    await page.getByRole("button", { name: "parcel on local/mirror: passed" }).waitFor();
    await failed.click();
    const details = page.getByRole("complementary", { name: "Case refund" });
    await eventually(() => details.locator(".cell-output").textContent()).toBe(
      "echo: Hello Alan, thanks for writing to us about his order.",
    );
    // The failed assertion says what it looked for.
    await eventually(() => details.locator(".assertion-fail").textContent()).toContain("refund");
    await eventually(() => details.locator(".assertion-fail").count()).toBe(1);

    // What the page shows is what the API stored.
    const runId = decodeURIComponent(page.url().split("/evaluations/runs/")[1] ?? "");
    const run = await server.api<{ status: string; progress: { passed: number; failed: number } }>(
      "GET",
      `/v1/eval-runs/${encodeURIComponent(runId)}`,
    );
    expect(run).toMatchObject({ status: "completed", progress: { passed: 2, failed: 4 } });
    await harness.screenshot("evaluation-run");
    await compareWithVersionTwo(harness, runId);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
