import type { Page } from "playwright-core";
import { type BrowserTestServer, startBrowserTestServer } from "./browser-test-server.js";
import { launchTestBrowser, type TestBrowser } from "./chromium.js";
import { saveScreenshot } from "./test-results.js";
import { type WebBuild, webBuildForTests } from "./web-build.js";

/** What every flow gets: one server, one browser, one page, shared by all flows of a run. */
export interface BrowserHarness {
  server: BrowserTestServer;
  browser: TestBrowser;
  page: Page;
  web: WebBuild;
  /** Opens a path of the UI (e.g. `/settings`) and waits for the app to be there. */
  open(path: string): Promise<void>;
  /** Saves `test-results/screenshots/<flow>.png`. */
  screenshot(flow: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowserHarness(executablePath: string): Promise<BrowserHarness> {
  const web = await webBuildForTests();
  const opened: { close(): Promise<void> }[] = [web];
  try {
    const server = await startBrowserTestServer(web.directory);
    opened.push(server);
    const browser = await launchTestBrowser(executablePath);
    opened.push(browser);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    // Generous for a loaded CI machine; a passing flow never waits this long.
    page.setDefaultTimeout(20_000);
    return {
      server,
      browser,
      page,
      web,
      async open(path) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole("navigation", { name: "Main" }).waitFor();
      },
      screenshot: (flow) => saveScreenshot(page, flow),
      async close() {
        for (const resource of opened.reverse()) await resource.close();
      },
    };
  } catch (error) {
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
    throw error;
  }
}
