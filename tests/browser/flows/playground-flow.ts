import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";

/**
 * The playground: choose a saved prompt, fill its variables, add a second model, run both, and
 * see each answer stream in from the OpenAI-compatible test server with tokens, latency and cost.
 */
export async function runThePlayground(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await server.api("POST", "/v1/prompts", {
    name: "support/greeting",
    description: "Greets a customer by name about their topic",
    template: "Write a short, warm greeting to {{customer}} about {{topic}}.",
    labels: ["production"],
    message: "First greeting",
  });

  await harness.open("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Playground" })
    .click();
  await eventually(() => page.url()).toContain("/playground");
  const promptField = page.getByLabel("Prompt", { exact: true });
  await promptField.fill("support/greeting");
  await promptField.press("Enter");

  await eventually(() => page.getByLabel("Version").inputValue()).toBe("1");
  await page.getByLabel("customer").fill("Ada");
  await page.getByLabel("topic").fill("her late parcel");

  await page.getByRole("button", { name: "+ Add a model" }).click();
  await eventually(() => page.getByLabel("Model for column 1").inputValue()).toBe("local/echo");
  await eventually(() => page.getByLabel("Model for column 2").inputValue()).toBe("local/mirror");

  const requestsBefore = server.models.requests.length;
  await page.getByRole("button", { name: "Run on 2 models" }).click();

  const first = page.getByRole("article", { name: "Model 1: local/echo" });
  const second = page.getByRole("article", { name: "Model 2: local/mirror" });
  const greeting = "Write a short, warm greeting to Ada about her late parcel.";
  await first.getByText(`echo: ${greeting}`).waitFor();
  await second.getByText(`mirror: ${greeting}`).waitFor();
  for (const column of [first, second]) {
    await column.getByText("Done").waitFor();
    const metrics = column.getByRole("definition");
    // Tokens in and out (the test server counts words), latency, first text, cost, served by.
    await eventually(() => metrics.nth(0).textContent()).toMatch(/^\d+ in · \d+ out$/);
    await eventually(() => metrics.nth(1).textContent()).toMatch(/^\d+(\.\d+)? m?s$/);
    await eventually(() => metrics.nth(3).textContent()).toBe("no price");
  }
  // Both models were really called, streaming, with the variables filled in.
  const calls = server.models.requests.slice(requestsBefore);
  expect(calls.map((call) => call.model).sort()).toEqual(["echo", "mirror"]);
  expect(calls.every((call) => call.stream && call.lastUserText === greeting)).toBe(true);
  await harness.screenshot("playground");
}

/** The playground's variables filled from a dataset case (the evaluation flow's dataset). */
export async function fillThePlaygroundFromACase(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open(`/playground?prompt=${encodeURIComponent("support/reply")}`);
  await page.getByLabel("customer").waitFor();
  await page.getByLabel("From a dataset").selectOption("support/smoke");
  await page.getByLabel("Case", { exact: true }).selectOption("refund");
  await eventually(() => page.getByLabel("customer").inputValue()).toBe("Alan");
  await eventually(() => page.getByLabel("topic").inputValue()).toBe("his order");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page
    .getByRole("article", { name: "Model 1: local/echo" })
    .getByText("echo: Hello Alan, thanks for writing to us about his order.")
    .waitFor();
}
