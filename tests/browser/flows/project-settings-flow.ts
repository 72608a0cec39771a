import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";

async function allowsJavaScript(harness: BrowserHarness): Promise<boolean> {
  const settings = await harness.server.api<{ allowJavaScriptAssertions: boolean }>(
    "GET",
    "/v1/settings",
  );
  return settings.allowJavaScriptAssertions;
}

/** Settings → Project: an admin switches JavaScript assertions on (it lasts) and off again. */
export async function toggleJavaScriptAssertions(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open("/settings");
  const project = page.getByRole("region", { name: "Project" });
  const toggle = project.getByLabel("Allow JavaScript assertions in evaluations");
  await toggle.waitFor();
  expect(await toggle.isChecked()).toBe(false);
  expect(await project.getByTestId("protected-labels").textContent()).toContain("production");

  await toggle.check();
  await eventually(() => allowsJavaScript(harness)).toBe(true);
  await page.reload();
  await eventually(() =>
    project.getByLabel("Allow JavaScript assertions in evaluations").isChecked(),
  ).toBe(true);
  await harness.screenshot("settings-project");

  await project.getByLabel("Allow JavaScript assertions in evaluations").uncheck();
  await eventually(() => allowsJavaScript(harness)).toBe(false);
}
