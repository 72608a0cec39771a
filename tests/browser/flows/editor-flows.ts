import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";

export const editedPrompt = "support/reply";
const firstTemplate = "Hello {{customer}}, thanks for writing to us about {{topic}}.";
const followUp = " We will write again within a day.";

interface VersionList {
  items: { number: number; message: string; template: unknown }[];
}

/** Replaces the whole text of the template editor (CodeMirror) by typing, as a person would. */
export async function typeTemplate(page: Page, text: string): Promise<void> {
  const editor = page.getByRole("textbox", { name: "Template" });
  await editor.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Library → New prompt → name, template, commit message → Create prompt → the prompt's editor. */
export async function createAPrompt(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await harness.open("/");
  await page.getByRole("link", { name: "New prompt" }).first().click();
  await page.getByLabel("Name").fill(editedPrompt);
  await typeTemplate(page, firstTemplate);
  // The variables are found as the template is typed.
  await page
    .getByRole("complementary", { name: "Variables and preview" })
    .getByLabel("topic")
    .waitFor();
  await page.getByLabel("Commit message").fill("First reply to a customer");
  await page.getByRole("button", { name: "Create prompt" }).click();

  await eventually(() => page.url()).toContain(`/prompts/${encodeURIComponent(editedPrompt)}`);
  await eventually(() => page.getByTestId("editing-version").textContent()).toContain(
    "v1 (latest)",
  );
  const versions = await server.api<VersionList>(
    "GET",
    `/v1/prompts/${encodeURIComponent(editedPrompt)}/versions`,
  );
  expect(versions.items).toEqual([
    expect.objectContaining({
      number: 1,
      message: "First reply to a customer",
      template: firstTemplate,
    }),
  ]);
  await harness.screenshot("create-prompt");

  // The library lists it in its folder.
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Library" })
    .click();
  await page
    .getByRole("link", { name: /support/ })
    .first()
    .click();
  await page
    .getByText(editedPrompt.split("/")[1] ?? "")
    .first()
    .waitFor();
  await harness.screenshot("library");
}

/** The editor's form from the template's variables fills the live preview, with a token count. */
export async function previewWithVariables(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open(`/prompts/${encodeURIComponent(editedPrompt)}`);
  const side = page.getByRole("complementary", { name: "Variables and preview" });
  await side.getByLabel("customer").fill("Ada");
  await side.getByLabel("topic").fill("her late parcel");
  const preview = page.getByTestId("preview");
  await preview.getByText("Hello Ada, thanks for writing to us about her late parcel.").waitFor();
  await eventually(() => page.getByTestId("token-count").textContent()).toMatch(/\d+/);
  await harness.screenshot("preview-with-variables");
}

/** Changing the template and saving with a message makes version 2, the editor then on it. */
export async function editAndSaveAVersion(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await harness.open(`/prompts/${encodeURIComponent(editedPrompt)}`);
  await eventually(() => page.getByTestId("editing-version").textContent()).toContain("v1");
  await typeTemplate(page, firstTemplate + followUp);
  await page.getByText("Unsaved changes").waitFor();
  await page.getByLabel("Commit message").fill("Promise a follow-up within a day");
  await page.getByRole("button", { name: "Save as new version" }).click();
  await eventually(() => page.getByTestId("editing-version").textContent()).toContain(
    "v2 (latest)",
  );
  const versions = await server.api<VersionList>(
    "GET",
    `/v1/prompts/${encodeURIComponent(editedPrompt)}/versions`,
  );
  expect(versions.items.map((version) => version.number).sort()).toEqual([1, 2]);
  expect(versions.items.find((version) => version.number === 2)).toMatchObject({
    message: "Promise a follow-up within a day",
    template: firstTemplate + followUp,
  });
  await harness.screenshot("edit-and-save");
}
