import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { seriousViolations } from "./accessibility.js";

async function sessionStatus(harness: BrowserHarness): Promise<number> {
  return harness.page.evaluate(async () => (await fetch("/v1/me")).status);
}

/**
 * Signing out of the local admin session lasts across a reload (the page does not sign in again
 * by itself); "Continue as local admin" brings the person back.
 */
export async function signOutOfTheLocalSession(harness: BrowserHarness): Promise<void> {
  const { page } = harness;
  await harness.open("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in to Quire" }).waitFor();

  await page.reload();
  await page.getByRole("heading", { name: "Sign in to Quire" }).waitFor();
  const continueButton = page.getByRole("button", { name: "Continue as local admin" });
  await continueButton.waitFor();
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
  expect(await sessionStatus(harness)).toBe(401);
  expect(await seriousViolations(page)).toEqual([]);
  await harness.screenshot("signed-out");

  await continueButton.click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  expect(await sessionStatus(harness)).toBe(200);
  // Signed in again: a reload keeps the session.
  await page.reload();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/**
 * Once a member exists the server grants no local admin session, whatever this browser asks:
 * signing out of an account offers no local admin, and asking anyway is refused on screen.
 */
export async function refuseTheLocalSessionOnceMembersExist(
  harness: BrowserHarness,
): Promise<void> {
  const { page } = harness;
  await harness.open("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in to Quire" }).waitFor();
  expect(await page.getByRole("button", { name: "Continue as local admin" }).count()).toBe(0);

  // A browser that had signed out of the local session earlier still gets no session.
  await page.evaluate(() => window.localStorage.setItem("quire.local-session", "signed-out"));
  await page.reload();
  // One click, right after the reload, must show the refusal. (In CI it sometimes did not: the
  // server kept its "no accounts yet" for up to a second after the member this suite adds, and
  // granted the session; adding a member now ends that at once. support/chromium.ts also
  // launches chromium with the flags that keep input reaching a page before its first frame.)
  await page.getByRole("button", { name: "Continue as local admin" }).click();
  await page.getByRole("alert").getByText("Continuing as local admin failed").waitFor();
  expect(await sessionStatus(harness)).toBe(401);
}
