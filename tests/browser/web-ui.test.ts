import { afterAll, afterEach, beforeAll, describe, it } from "vitest";
import { checkAccessibility } from "./flows/accessibility.js";
import {
  createAPrompt,
  editAndSaveAVersion,
  editedPrompt,
  previewWithVariables,
} from "./flows/editor-flows.js";
import { runAnEvaluation } from "./flows/evaluation-flow.js";
import { measureFirstScreenLoad } from "./flows/first-screen-load.js";
import { deployAndRollBack, seeADiff } from "./flows/history-flows.js";
import { fillThePlaygroundFromACase, runThePlayground } from "./flows/playground-flow.js";
import { toggleJavaScriptAssertions } from "./flows/project-settings-flow.js";
import { manageSettings } from "./flows/settings-flow.js";
import {
  refuseTheLocalSessionOnceMembersExist,
  signOutOfTheLocalSession,
} from "./flows/sign-out-flows.js";
import {
  guardTheBackButton,
  runANewPromptsDraftInThePlayground,
  runTheDraftInThePlayground,
} from "./flows/unsaved-draft-flows.js";
import { searchTemplateText, seeWhoIncludesAComponent } from "./flows/used-by-flow.js";
import { type BrowserHarness, openBrowserHarness } from "./support/browser-harness.js";
import { chromiumPath } from "./support/chromium.js";

const executablePath = chromiumPath();
/** Each flow takes seconds here; CI runs it beside the whole suite on 2 cores. */
const flowTimeout = 120_000;

/**
 * The web UI in a real browser: Debian's chromium driven by playwright-core against a real Quire
 * server (PGlite, the OpenAI-compatible test server as its provider). One server and one browser
 * for every flow; each flow saves a screenshot under test-results/screenshots/.
 */
describe.runIf(executablePath !== undefined)("the web UI in chromium", () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await openBrowserHarness(executablePath as string);
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  });
  // A failed flow leaves a picture of what the browser showed: test-results/screenshots/failed-….
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail" || harness === undefined) return;
    const name = task.name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
    await harness.screenshot(`failed-${name}`).catch(() => undefined);
  });

  it(
    "loads the first screen's JavaScript quickly from the local server",
    async () => {
      await measureFirstScreenLoad(harness);
    },
    flowTimeout,
  );

  it(
    "creates a prompt from the library",
    async () => {
      await createAPrompt(harness);
    },
    flowTimeout,
  );

  it(
    "previews the prompt with variables filled in",
    async () => {
      await previewWithVariables(harness);
    },
    flowTimeout,
  );

  it(
    "edits the template and saves it as a new version",
    async () => {
      await editAndSaveAVersion(harness);
    },
    flowTimeout,
  );

  it(
    "asks before the browser's Back button drops unsaved changes, and keeps them on Cancel",
    async () => {
      await guardTheBackButton(harness);
    },
    flowTimeout,
  );

  it(
    "shows the side-by-side diff of two versions",
    async () => {
      await seeADiff(harness);
    },
    flowTimeout,
  );

  it(
    "deploys versions to production and rolls back after seeing the diff",
    async () => {
      await deployAndRollBack(harness);
    },
    flowTimeout,
  );

  it(
    "runs a version on two models side by side in the playground, streaming",
    async () => {
      await runThePlayground(harness);
    },
    flowTimeout,
  );

  it(
    "runs the editor's unsaved draft in the playground without saving it",
    async () => {
      await runTheDraftInThePlayground(harness);
    },
    flowTimeout,
  );

  it(
    "runs a new, never-saved prompt's draft in the playground and goes back to it",
    async () => {
      await runANewPromptsDraftInThePlayground(harness);
    },
    flowTimeout,
  );

  it(
    "lists the prompts that include a component in its history",
    async () => {
      await seeWhoIncludesAComponent(harness);
    },
    flowTimeout,
  );

  it(
    "finds a prompt in the library by the text of its template",
    async () => {
      await searchTemplateText(harness);
    },
    flowTimeout,
  );

  it(
    "uploads a dataset and runs an evaluation with live progress and a results grid",
    async () => {
      await runAnEvaluation(harness);
    },
    flowTimeout,
  );

  it(
    "fills the playground's variables from a dataset case",
    async () => {
      await fillThePlaygroundFromACase(harness);
    },
    flowTimeout,
  );

  it(
    "has no serious or critical accessibility problems on the main screens",
    async () => {
      await checkAccessibility(harness, [
        { name: "library", path: "/", ready: (page) => page.getByTestId("prompt-count").waitFor() },
        {
          name: "editor",
          path: `/prompts/${encodeURIComponent(editedPrompt)}`,
          ready: (page) => page.getByTestId("preview").waitFor(),
        },
        {
          name: "history",
          path: `/prompts/${encodeURIComponent(editedPrompt)}/history`,
          ready: (page) => page.getByTestId("diff-view").waitFor(),
        },
        {
          name: "playground",
          path: "/playground?prompt=support%2Fgreeting",
          ready: (page) => page.getByLabel("Version").waitFor(),
        },
        {
          name: "evaluations",
          path: "/evaluations",
          ready: (page) => page.getByText("support/smoke").first().waitFor(),
        },
        {
          name: "settings",
          path: "/settings",
          ready: (page) => page.getByText("local/echo").waitFor(),
        },
      ]);
    },
    flowTimeout,
  );

  it(
    "switches JavaScript assertions on and off in the project's settings",
    async () => {
      await toggleJavaScriptAssertions(harness);
    },
    flowTimeout,
  );

  it(
    "stays signed out of the local admin session across a reload until asked to continue",
    async () => {
      await signOutOfTheLocalSession(harness);
    },
    flowTimeout,
  );

  // Last: adding a member ends the local admin session's offer (this browser keeps its session).
  it(
    "creates and revokes an API key, adds a member, shows the providers in settings",
    async () => {
      await manageSettings(harness);
    },
    flowTimeout,
  );

  it(
    "grants no local admin session once a member exists, even when the browser asks",
    async () => {
      await refuseTheLocalSessionOnceMembersExist(harness);
    },
    flowTimeout,
  );
});
