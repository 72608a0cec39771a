import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** `test-results/` at the repository's root, where CI keeps what the tests leave. */
export const testResultsDirectory = join(repositoryRoot, "test-results");
export const screenshotDirectory = join(testResultsDirectory, "screenshots");

/** Saves the whole page as `test-results/screenshots/<flow>.png`; returns the file's path. */
export async function saveScreenshot(page: Page, flow: string): Promise<string> {
  const path = join(screenshotDirectory, `${flow}.png`);
  await mkdir(screenshotDirectory, { recursive: true });
  // Animations finished and the caret hidden, so two runs give comparable pictures.
  await page.screenshot({ path, fullPage: true, animations: "disabled", caret: "hide" });
  return path;
}

/** Writes `test-results/<name>.json` (measurements a person reads after the run). */
export async function saveResult(name: string, value: unknown): Promise<string> {
  const path = join(testResultsDirectory, `${name}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
  return path;
}
