import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";
import { editedPrompt } from "./editor-flows.js";

const followUp = "We will write again within a day.";
const encodedName = encodeURIComponent(editedPrompt);

function versionRow(page: Page, version: number) {
  return page.getByTestId("versions-table").locator(`tr[data-version="${version}"]`);
}

async function productionVersion(harness: BrowserHarness): Promise<number> {
  const answer = await harness.server.api<{ version: { number: number }; label: string | null }>(
    "GET",
    `/v1/prompts/${encodedName}?label=production`,
  );
  expect(answer.label).toBe("production");
  return answer.version.number;
}

/** Editor → History: the side-by-side diff of v1 → v2 shows the added sentence as added. */
export async function seeADiff(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open(`/prompts/${encodedName}`);
  await page.getByRole("link", { name: "History" }).click();
  await page.getByRole("heading", { name: `${editedPrompt} — history` }).waitFor();
  await page.getByLabel("Compare from version 1").check();
  await page.getByLabel("Compare to version 2").check();
  await page.getByRole("heading", { name: "Diff v1 → v2" }).waitFor();
  const diff = page.getByRole("region", { name: "Diff v1 → v2" }).getByTestId("diff-view");
  const added = diff.locator('[data-kind="added"]');
  const removed = diff.locator('[data-kind="removed"]');
  await eventually(() => added.first().textContent()).toContain(followUp);
  await eventually(() => removed.first().textContent()).not.toContain(followUp);
  await harness.screenshot("diff");
}

/** Opens the deploy dialog of a version, checks what it says will change, confirms with a reason. */
async function moveProduction(
  harness: BrowserHarness,
  version: number,
  expected: {
    button: string;
    summary: string;
    confirm: string;
    reason: string;
    screenshot?: string;
  },
): Promise<void> {
  const { page } = harness;
  await versionRow(page, version).getByRole("button", { name: expected.button }).click();
  const dialog = page.getByRole("dialog");
  await eventually(() => dialog.getByTestId("deploy-summary").textContent()).toBe(expected.summary);
  await dialog.getByLabel("Reason (kept in the label's history)").fill(expected.reason);
  if (expected.screenshot !== undefined) {
    // The confirmation shows the diff from what production serves now.
    await dialog.getByTestId("diff-view").waitFor();
    await harness.screenshot(expected.screenshot);
  }
  await dialog.getByRole("button", { name: expected.confirm }).click();
  await eventually(() => dialog.count()).toBe(0);
}

/** Deploy v1 then v2 to production from the history, then roll back to v1 after seeing the diff. */
export async function deployAndRollBack(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open(`/prompts/${encodedName}/history`);
  await moveProduction(harness, 1, {
    button: "Deploy…",
    summary: "production points nowhere yet: it will serve v1.",
    confirm: "Deploy: production → v1",
    reason: "First reply goes live",
  });
  await page.getByText("production now serves v1.").waitFor();
  expect(await productionVersion(harness)).toBe(1);

  await moveProduction(harness, 2, {
    button: "Deploy…",
    summary: "production serves v1 now; after this it serves v2.",
    confirm: "Deploy: production → v2",
    reason: "Promise a follow-up",
    screenshot: "deploy-confirmation",
  });
  await page.getByText("production now serves v2 (was v1).").waitFor();
  expect(await productionVersion(harness)).toBe(2);

  await moveProduction(harness, 1, {
    button: "Roll back…",
    summary: "production serves v2 now; after this it serves v1.",
    confirm: "Roll back: production → v1",
    reason: "The follow-up promise confused customers",
  });
  await page.getByText("production now serves v1 (was v2).").waitFor();
  expect(await productionVersion(harness)).toBe(1);
  const moves = page.getByTestId("label-history");
  await moves.getByText("rolled back v2 → v1").waitFor();
  await moves.getByText("“The follow-up promise confused customers”").waitFor();
  await harness.screenshot("rollback");
}
