import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** The variable that names another chromium binary than Debian's `/usr/bin/chromium`. */
export const chromiumVariable = "QUIRE_CHROMIUM";
const debianChromium = "/usr/bin/chromium";

/**
 * The flags every browser test launches chromium with. The machines have no outside network,
 * and without these chromium keeps trying to reach it (updates, sync, QUIC probes).
 */
export const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Input that arrives before a page's first frame is committed is otherwise dropped: a click
  // right after a reload (the page's content held back by paint holding on a same-origin
  // navigation) could do nothing. Playwright's and Puppeteer's default flags carry both; the
  // tests launch without Playwright's defaults (`ignoreDefaultArgs`), so they are named here.
  "--allow-pre-commit-input",
  "--disable-features=PaintHolding",
];

function inContinuousIntegration(): boolean {
  const value = process.env.CI;
  return value !== undefined && value !== "" && value !== "false";
}

/**
 * The chromium binary to drive (`QUIRE_CHROMIUM`, else Debian's `/usr/bin/chromium`), or
 * undefined after printing a notice that the browser tests are skipped. Under CI a missing
 * browser throws instead: CI must run them (`.ci/run` installs Debian's chromium).
 *
 * Gate a suite with it: `describe.runIf(chromiumPath() !== undefined)(...)`.
 */
export function chromiumPath(): string | undefined {
  const configured = process.env[chromiumVariable];
  const candidate = configured !== undefined && configured !== "" ? configured : debianChromium;
  if (existsSync(candidate)) return candidate;
  const fix = `Install it with \`apt-get install chromium\` (Debian's package), or set ${chromiumVariable} to a chromium binary.`;
  if (inContinuousIntegration()) {
    throw new Error(`No chromium at ${candidate}, and CI must run the browser tests. ${fix}`);
  }
  console.info(`notice: no chromium at ${candidate}; skipping the browser tests. ${fix}`);
  return undefined;
}

export interface TestBrowser {
  /** One browser profile (a fresh user-data dir) at 1280×800, the smallest size the UI supports. */
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium headless with `chromiumFlags` and a fresh, temporary user-data dir. */
export async function launchTestBrowser(executablePath: string): Promise<TestBrowser> {
  const userDataDirectory = await mkdtemp(join(tmpdir(), "quire-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(userDataDirectory, {
      executablePath,
      // Only our flags: playwright's own defaults would add others (and its headless mode).
      ignoreDefaultArgs: true,
      args: [...chromiumFlags, "--remote-debugging-pipe", "about:blank"],
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      timeout: 30_000,
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(userDataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDirectory, { recursive: true, force: true });
    throw error;
  }
}
