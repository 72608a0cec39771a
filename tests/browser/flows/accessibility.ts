import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { saveResult } from "../support/test-results.js";

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

let axeSource: string | undefined;

/**
 * axe-core's violations of a serious or critical impact on the page as it is now. axe is
 * evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
    "utf8",
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        failureSummary: node.failureSummary,
      })),
    }));
  });
  return violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
}

/**
 * Each main screen, opened and settled, has no serious or critical axe-core violation. Writes
 * test-results/accessibility.json (every screen's findings, whatever their impact).
 */
export async function checkAccessibility(
  harness: BrowserHarness,
  screens: readonly { name: string; path: string; ready: (page: Page) => Promise<unknown> }[],
): Promise<void> {
  const found: Record<string, AxeViolation[]> = {};
  for (const screen of screens) {
    await harness.open(screen.path);
    await screen.ready(harness.page);
    found[screen.name] = await seriousViolations(harness.page);
  }
  await saveResult("accessibility", found);
  for (const [name, violations] of Object.entries(found)) {
    expect(
      violations.map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
      ),
      `serious or critical accessibility problems on the ${name} screen`,
    ).toEqual([]);
  }
}
