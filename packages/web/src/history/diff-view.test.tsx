// @vitest-environment happy-dom
import { diffVersions, type Version } from "@quire/core";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DiffView } from "./diff-view.js";

afterEach(cleanup);

function version(number: number, template: string, config: Record<string, unknown>): Version {
  return {
    prompt: "support/triage",
    number,
    parentNumber: number > 1 ? number - 1 : null,
    type: "text",
    engine: "handlebars",
    template,
    inputSchema: null,
    outputSchema: null,
    config,
    metadata: {},
    contentHash: `hash-${number}`,
    message: "",
    author: "ada",
    createdAt: "2026-11-21T10:00:00.000Z",
    labels: [],
  };
}

describe("DiffView", () => {
  it("shows removed lines on the left and their replacements on the right, row by row", () => {
    const diff = diffVersions(
      version(1, "Hello {{name}}\nBe brief.\nThanks", { temperature: 0.2 }),
      version(2, "Hello {{name}}\nBe very brief.\nThanks\nBye", {
        temperature: 0.7,
        model: "gpt-4o",
      }),
    );
    render(<DiffView diff={diff} />);
    const table = screen.getByRole("table", {
      name: /Template of version 1 \(left\) and version 2/,
    });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    const cellsOf = (index: number) => within(rows[index] as HTMLElement).getAllByRole("cell");
    // Row 2: the changed line, old on the left, new on the right.
    expect(cellsOf(1)[1]?.getAttribute("data-kind")).toBe("removed");
    expect(cellsOf(1)[1]?.textContent).toContain("Be brief.");
    expect(cellsOf(1)[3]?.getAttribute("data-kind")).toBe("added");
    expect(cellsOf(1)[3]?.textContent).toContain("Be very brief.");
    // Row 4: a line only the new version has; the left side is empty.
    expect(cellsOf(3)[1]?.textContent).toBe("");
    expect(cellsOf(3)[3]?.textContent).toContain("Bye");
    expect(screen.getByText(/template lines, 2 field changes/)).toBeTruthy();
  });

  it("lists changed config fields with the value before and after", () => {
    const diff = diffVersions(
      version(3, "x", { temperature: 0.2 }),
      version(4, "x", { temperature: 0.9 }),
    );
    render(<DiffView diff={diff} />);
    const fields = screen.getByRole("table", { name: "Schema, config and metadata" });
    const row = within(fields).getByRole("row", { name: /config\/temperature/ });
    expect(row.textContent).toContain("0.2");
    expect(row.textContent).toContain("0.9");
  });

  it("says so when the versions are the same", () => {
    const same = version(5, "same", {});
    render(<DiffView diff={diffVersions(same, { ...same, number: 6 })} />);
    expect(screen.getByText(/no differences/)).toBeTruthy();
    expect(screen.queryByRole("table", { name: "Schema, config and metadata" })).toBeNull();
  });
});
