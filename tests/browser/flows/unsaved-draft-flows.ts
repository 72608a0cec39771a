import type { Dialog, Page } from "playwright-core";
import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";
import { editedPrompt, typeTemplate } from "./editor-flows.js";

const encodedName = encodeURIComponent(editedPrompt);
const editorPath = `/prompts/${encodedName}`;

interface VersionList {
  items: { number: number }[];
}

async function versionCount(harness: BrowserHarness): Promise<number> {
  const page = await harness.server.api<VersionList>("GET", `/v1/prompts/${encodedName}/versions`);
  return page.items.length;
}

/**
 * Does `act`, answers the confirmation it opens (OK or Cancel) and returns its question; the
 * handler is gone afterwards, so a later flow's dialog is never answered twice.
 */
async function answerConfirmation(
  page: Page,
  answer: "accept" | "dismiss",
  act: () => Promise<unknown>,
): Promise<string> {
  let handler: ((dialog: Dialog) => void) | undefined;
  const asked = new Promise<string>((resolve) => {
    handler = (dialog) => {
      resolve(dialog.message());
      void (answer === "accept" ? dialog.accept() : dialog.dismiss());
    };
    page.once("dialog", handler);
  });
  try {
    await act();
    return await asked;
  } finally {
    if (handler !== undefined) page.off("dialog", handler);
  }
}

const unsavedQuestion = "You have unsaved changes. Leave and lose them?";

/** History → Edit latest → an unsaved change → the browser's Back button asks first. */
export async function guardTheBackButton(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open(`${editorPath}/history`);
  await page.getByRole("link", { name: "Edit latest" }).click();
  await page.getByTestId("editing-version").waitFor();
  const editorAddress = page.url();
  await typeTemplate(page, "Dear {{customer}}, a draft nobody saved yet.");
  await page.getByText("Unsaved changes").waitFor();

  // Back, then "Cancel": the editor stays, with its draft and its address.
  expect(
    await answerConfirmation(page, "dismiss", () => page.evaluate(() => window.history.back())),
  ).toBe(unsavedQuestion);
  await eventually(() => page.url()).toBe(editorAddress);
  await page.getByText("Unsaved changes").waitFor();
  expect(await page.getByRole("textbox", { name: "Template" }).textContent()).toContain(
    "a draft nobody saved yet",
  );
  await harness.screenshot("back-button-kept-the-draft");

  // Back, then "OK": the history screen, the draft dropped.
  await answerConfirmation(page, "accept", () => page.evaluate(() => window.history.back()));
  await page.getByRole("heading", { name: `${editedPrompt} — history` }).waitFor();
  expect(page.url()).toBe(`${harness.server.url}${editorPath}/history`);
}

/**
 * Editor → an unsaved change → "Run draft in playground": the playground runs the draft (labelled
 * "draft") against the test model server, nothing is saved, and Back returns to the draft.
 */
export async function runTheDraftInThePlayground(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  const versionsBefore = await versionCount(harness);
  await harness.open(editorPath);
  await page.getByTestId("editing-version").waitFor();
  await typeTemplate(page, "Draft: thank {{customer}} for the kind words.");
  await page.getByText("Unsaved changes").waitFor();
  await page
    .getByRole("complementary", { name: "Variables and preview" })
    .getByLabel("customer")
    .fill("Grace");
  await page.getByRole("button", { name: "Run draft in playground" }).click();

  await eventually(() => page.url()).toContain("/playground?");
  // The draft went in memory: the address names the prompt, not the template.
  expect(page.url()).not.toContain("thank");
  await eventually(() => page.getByLabel("Version").inputValue()).toBe("draft");
  await page.getByTestId("draft-notice").waitFor();
  // The editor's form values came along.
  await eventually(() => page.getByLabel("customer").inputValue()).toBe("Grace");
  const column = page.getByRole("article", { name: "Model 1: local/echo" });
  expect(await column.getByTestId("column-source").textContent()).toBe("draft");

  const requestsBefore = server.models.requests.length;
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await column.getByText("echo: Draft: thank Grace for the kind words.").waitFor();
  await column.getByText("Done").waitFor();
  const calls = server.models.requests.slice(requestsBefore);
  expect(calls.map((call) => call.lastUserText)).toEqual([
    "Draft: thank Grace for the kind words.",
  ]);
  expect(await versionCount(harness)).toBe(versionsBefore);
  await harness.screenshot("playground-draft");

  // Back in the editor, the draft is still there, unsaved.
  await page.evaluate(() => window.history.back());
  await page.getByText("Unsaved changes").waitFor();
  expect(await page.getByRole("textbox", { name: "Template" }).textContent()).toContain(
    "Draft: thank {{customer}} for the kind words.",
  );
  // Leave it (confirming), so the next flow starts on a clean page.
  await answerConfirmation(page, "accept", () =>
    page.getByRole("link", { name: "History" }).click(),
  );
  await page.getByRole("heading", { name: `${editedPrompt} — history` }).waitFor();
}

const brandNewPrompt = "support/never-saved";

/**
 * New prompt → a name and a template → "Run draft in playground": the playground runs the draft of
 * a prompt that does not exist (only the draft to choose), Back returns to the new-prompt editor
 * with the draft, and the server still has no such prompt.
 */
export async function runANewPromptsDraftInThePlayground(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await harness.open("/new");
  // The run's address names the prompt: without a name, the editor says so.
  await typeTemplate(page, "New draft: welcome {{customer}} aboard.");
  await page.getByLabel("Name").fill("");
  expect(await page.getByTestId("run-draft-problem").textContent()).toContain("Name the prompt");
  expect(await page.getByRole("button", { name: "Run draft in playground" }).isDisabled()).toBe(
    true,
  );
  await page.getByLabel("Name").fill(brandNewPrompt);
  await page
    .getByRole("complementary", { name: "Variables and preview" })
    .getByLabel("customer")
    .fill("Linus");
  await page.getByRole("button", { name: "Run draft in playground" }).click();

  await eventually(() => page.url()).toContain("/playground?");
  await page.getByTestId("draft-notice").waitFor();
  const versionPicker = page.getByLabel("Version");
  expect(await versionPicker.locator("option").allTextContents()).toEqual([
    "draft — not saved yet",
  ]);
  await eventually(() => page.getByLabel("customer").inputValue()).toBe("Linus");
  const column = page.getByRole("article", { name: "Model 1: local/echo" });
  expect(await column.getByTestId("column-source").textContent()).toBe("draft");

  const requestsBefore = server.models.requests.length;
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await column.getByText("echo: New draft: welcome Linus aboard.").waitFor();
  await column.getByText("Done").waitFor();
  expect(server.models.requests.slice(requestsBefore).map((call) => call.lastUserText)).toEqual([
    "New draft: welcome Linus aboard.",
  ]);
  await harness.screenshot("playground-new-prompt-draft");

  // Back in the new-prompt editor: the name and the template are still there, unsaved.
  await page.evaluate(() => window.history.back());
  await eventually(() => page.getByLabel("Name").inputValue()).toBe(brandNewPrompt);
  expect(await page.getByRole("textbox", { name: "Template" }).textContent()).toContain(
    "New draft: welcome {{customer}} aboard.",
  );
  await page.getByRole("button", { name: "Create prompt" }).waitFor();
  // Nothing was saved.
  await server.api("GET", `/v1/prompts/${encodeURIComponent(brandNewPrompt)}`, undefined, 404);

  // A fresh load of the playground's draft address: the draft is gone, the prompt is not found.
  await harness.open(`/playground?prompt=${encodeURIComponent(brandNewPrompt)}&draft=1`);
  const notFound = page.getByTestId("prompt-not-found");
  await notFound.waitFor();
  expect(await notFound.textContent()).toContain("the page was reloaded");
  await notFound.getByRole("link", { name: "Create a prompt" }).waitFor();
}
