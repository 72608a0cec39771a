import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";

const component = "support/guidelines";
const includer = "support/escalate";

/**
 * A component's history lists the prompts that include it (name, version, the reference and what
 * it renders now), each linking to that prompt; a prompt nobody includes says so.
 */
export async function seeWhoIncludesAComponent(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await server.api("POST", "/v1/prompts", {
    name: component,
    template: "Be kind, be brief, never promise a refund you cannot give.",
    labels: ["production"],
    message: "House rules for support replies",
  });
  await harness.open(`/prompts/${encodeURIComponent(component)}/history`);
  await page.getByRole("heading", { name: "Used by" }).waitFor();
  await eventually(() => page.getByTestId("used-by-empty").textContent()).toContain(
    "Not included in any prompt yet",
  );

  await server.api("POST", "/v1/prompts", {
    name: includer,
    template: `{{> ${component}@production}}\n\nEscalate {{ticket}} to a human.`,
    message: "Escalation note with the house rules",
  });
  await harness.open(`/prompts/${encodeURIComponent(component)}/history`);
  const list = page.getByTestId("used-by");
  const link = list.getByRole("link", { name: `${includer} v1` });
  await link.waitFor();
  const text = await list.textContent();
  expect(text).toContain(`{{> ${component}@production}}`);
  expect(text).toContain("label production, renders v1");
  await harness.screenshot("used-by");

  await link.click();
  await eventually(() => page.url()).toContain(`/prompts/${encodeURIComponent(includer)}`);
  await eventually(() => page.getByTestId("editing-version").textContent()).toContain("v1");
}

/** The search box finds a prompt by words only its template has (the component's house rules). */
export async function searchTemplateText(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open("/");
  const box = page.getByLabel("Search prompts");
  expect(await box.getAttribute("placeholder")).toContain("text");
  await box.fill("NEVER PROMISE a refund");
  await eventually(() => page.getByTestId("prompt-count").textContent()).toBe(
    "Matching “NEVER PROMISE a refund”: 1 prompt",
  );
  await page
    .getByRole("link", { name: /guidelines/ })
    .first()
    .waitFor();
  await harness.screenshot("library-search-text");
}
