import type { Prompt } from "@quire/core";
import { describe, expect, it } from "vitest";
import { folderEntries, folderTrail } from "./folder-entries.js";

function prompt(name: string): Prompt {
  return {
    name,
    description: "",
    tags: [],
    type: "text",
    engine: "handlebars",
    latestVersion: 1,
    labels: {},
    createdAt: "2026-11-21T10:00:00.000Z",
    updatedAt: "2026-11-21T10:00:00.000Z",
  };
}

describe("folderEntries", () => {
  const prompts = [
    "support/triage",
    "support/billing/refund",
    "support/billing/late",
    "greeting",
    "sales/pitch",
  ].map(prompt);

  it("shows subfolders with their counts first, then the prompts directly inside", () => {
    const entries = folderEntries(prompts, "");
    expect(
      entries.map((entry) =>
        entry.kind === "folder" ? `${entry.path} (${entry.count})` : entry.prompt.name,
      ),
    ).toEqual(["sales/ (1)", "support/ (3)", "greeting"]);
    const inSupport = folderEntries(prompts, "support/");
    expect(
      inSupport.map((entry) => (entry.kind === "folder" ? entry.path : entry.prompt.name)),
    ).toEqual(["support/billing/", "support/triage"]);
  });

  it("builds the breadcrumb of a folder", () => {
    expect(folderTrail("support/billing/")).toEqual([
      ["", "All prompts"],
      ["support/", "support"],
      ["support/billing/", "billing"],
    ]);
  });
});
