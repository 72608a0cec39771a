import { expect } from "vitest";
import type { BrowserHarness } from "../support/browser-harness.js";
import { eventually } from "../support/eventually.js";

async function statusWithKey(url: string, key: string): Promise<number> {
  const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${key}` } });
  await response.body?.cancel();
  return response.status;
}

/**
 * Settings: the providers and whether their keys are set; an API key created (its secret shown
 * once and working), then revoked (and refused); the first member added, which ends the local
 * admin session, and signing in as that member.
 */
export async function manageSettings(harness: BrowserHarness): Promise<void> {
  const { page, server } = harness;
  await harness.open("/");
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

  const providers = page.getByRole("region", { name: "Model providers" });
  const localRow = providers.getByRole("row").filter({ hasText: "local" });
  await localRow.getByText("local/echo").waitFor();
  await localRow.getByText("No key needed").waitFor();

  const keys = page.getByRole("region", { name: "API keys" });
  await keys.getByLabel("Name").fill("ci-deploy");
  await keys.getByLabel("Role").selectOption("editor");
  await keys.getByRole("button", { name: "Create key" }).click();
  const secretField = keys.getByLabel("The new key");
  await secretField.waitFor();
  const secret = await secretField.inputValue();
  expect(secret.length).toBeGreaterThan(20);
  expect(await statusWithKey(server.url, secret)).toBe(200);
  const keyRow = keys.getByRole("row").filter({ hasText: "ci-deploy" });
  await keyRow.getByRole("cell", { name: "editor" }).waitFor();
  await harness.screenshot("settings-key-created");

  await keys.getByRole("button", { name: "I have saved it" }).click();
  await eventually(() => secretField.count()).toBe(0);
  await keyRow.getByRole("button", { name: "Revoke ci-deploy…" }).click();
  await keyRow.getByRole("button", { name: "Revoke ci-deploy", exact: true }).click();
  await keyRow.getByText("Revoked").waitFor();
  expect(await statusWithKey(server.url, secret)).toBe(401);
  // The secret is never shown again: not in the list, not anywhere on the page.
  expect(await page.content()).not.toContain(secret);

  // Adding the first member ends the local admin session: the page says so, and signing in
  // with the new account brings the person back to a working settings page.
  const members = page.getByRole("region", { name: "Members" });
  await members.getByText("Adding the first member ends it").waitFor();
  await members.getByLabel("Email").fill("ada@example.com");
  await members.getByLabel("Name").fill("Ada Lovelace");
  await members.getByLabel("Password (new users)").fill("correct horse battery");
  await members.getByLabel("Role", { exact: true }).selectOption("admin");
  await members.getByRole("button", { name: "Add member" }).click();
  await members.getByText("ada@example.com is now an admin.").waitFor();
  await members.getByText("The local admin session has ended").waitFor();
  await harness.screenshot("settings-first-member");
  await members.getByRole("button", { name: "Sign in" }).click();

  await page.getByRole("heading", { name: "Sign in to Quire" }).waitFor();
  await page.getByLabel("Email").fill("ada@example.com");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("ada@example.com · admin").waitFor();
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  const signedIn = page.getByRole("region", { name: "Members" });
  await eventually(() => signedIn.getByLabel("Role of ada@example.com").inputValue()).toBe("admin");
  const listed = await server.api<{ items: { email: string; role: string }[] }>(
    "GET",
    "/v1/members",
  );
  expect(listed.items).toEqual([
    expect.objectContaining({ email: "ada@example.com", role: "admin" }),
  ]);
  await harness.screenshot("settings");
}
