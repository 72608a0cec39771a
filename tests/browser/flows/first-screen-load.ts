import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { saveResult } from "../support/test-results.js";

/** The goal (issue 7): the first screen's JavaScript loads in under a second from the local server. */
const goalMilliseconds = 1_000;
/** What the test asserts: generous, so a loaded CI machine does not fail it; the figure is recorded. */
const assertedBoundMilliseconds = 5_000;

export interface FirstScreenLoad {
  /** From navigation start until the last script of the first screen finished loading. */
  scriptsLoadedMs: number;
  domContentLoadedMs: number;
  /** Until the library's heading and its prompt count were on screen. */
  libraryVisibleMs: number;
  scripts: { url: string; bytes: number; loadedMs: number }[];
  scriptBytes: number;
  goalMs: number;
  withinGoal: boolean;
}

/**
 * Opens the library in a fresh tab with an empty cache (the session cookie kept) and measures
 * how long its JavaScript takes to arrive, from the browser's own resource timing. Writes
 * test-results/first-screen-load.json.
 */
export async function measureFirstScreenLoad(harness: BrowserHarness): Promise<FirstScreenLoad> {
  const { server, browser } = harness;
  // Sign in once (the local admin session), so the measured load is a returning visit's.
  await harness.open("/");
  const page = await browser.context.newPage();
  try {
    const session = await browser.context.newCDPSession(page);
    await session.send("Network.enable");
    await session.send("Network.setCacheDisabled", { cacheDisabled: true });
    const started = Date.now();
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByTestId("prompt-count").waitFor();
    const libraryVisibleMs = Date.now() - started;
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType(
        "navigation",
      )[0] as PerformanceNavigationTiming;
      const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((entry) => entry.initiatorType === "script" || entry.name.endsWith(".js"))
        .map((entry) => ({
          url: new URL(entry.name).pathname,
          bytes: entry.encodedBodySize,
          loadedMs: Math.round(entry.responseEnd),
        }));
      return { domContentLoadedMs: Math.round(navigation.domContentLoadedEventEnd), scripts };
    });
    expect(timing.scripts.length).toBeGreaterThan(0);
    const scriptsLoadedMs = Math.max(...timing.scripts.map((script) => script.loadedMs));
    const load: FirstScreenLoad = {
      scriptsLoadedMs,
      domContentLoadedMs: timing.domContentLoadedMs,
      libraryVisibleMs,
      scripts: timing.scripts,
      scriptBytes: timing.scripts.reduce((sum, script) => sum + script.bytes, 0),
      goalMs: goalMilliseconds,
      withinGoal: scriptsLoadedMs < goalMilliseconds,
    };
    await saveResult("first-screen-load", load);
    console.info(
      `first screen: scripts loaded in ${scriptsLoadedMs} ms (${(load.scriptBytes / 1024).toFixed(0)} KB), library visible in ${libraryVisibleMs} ms; goal ${goalMilliseconds} ms`,
    );
    expect(scriptsLoadedMs).toBeLessThan(assertedBoundMilliseconds);
    return load;
  } finally {
    await page.close();
  }
}
