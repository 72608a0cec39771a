import type { VersionDiff } from "@quire/core";
import { createColors } from "picocolors";
import { describe, expect, test } from "vitest";
import { formatDiff } from "./diff-command.js";

const plain = createColors(false);

const diff: VersionDiff = {
  prompt: "a/b",
  from: 1,
  to: 2,
  template: {
    unified:
      "===================================================================\n--- a/b@1\n+++ a/b@2\n@@ -1,2 +1,2 @@\n same\n-old\n+new\n",
    lines: [],
    added: 1,
    removed: 1,
  },
  fields: [
    { path: "config/temperature", kind: "changed", before: 0.2, after: 0.7 },
    { path: "metadata/owner", kind: "added", after: "ann" },
    { path: "outputSchema", kind: "removed", before: { type: "object" } },
  ],
};

describe("formatDiff", () => {
  test("prints the unified diff without its banner, then each changed field", () => {
    expect(formatDiff(diff, plain)).toBe(
      [
        "a/b: v1 → v2",
        "template: +1 -1",
        "--- a/b@1",
        "+++ a/b@2",
        "@@ -1,2 +1,2 @@",
        " same",
        "-old",
        "+new",
        "changed fields:",
        "  ~ config/temperature: 0.2 → 0.7",
        '  + metadata/owner: "ann"',
        '  - outputSchema: {"type":"object"}',
        "",
      ].join("\n"),
    );
  });

  test("colours added lines green and removed lines red when colours are on", () => {
    const colored = formatDiff(diff, createColors(true));
    expect(colored).toContain("\u001b[32m+new\u001b[39m");
    expect(colored).toContain("\u001b[31m-old\u001b[39m");
  });

  test("says so when neither template nor fields changed", () => {
    const same = formatDiff(
      { ...diff, template: { unified: "", lines: [], added: 0, removed: 0 }, fields: [] },
      plain,
    );
    expect(same).toBe("a/b: v1 → v2\ntemplate unchanged\nno other field changed\n");
  });
});
