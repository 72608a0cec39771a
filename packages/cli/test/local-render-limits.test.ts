import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runQuire } from "./run-quire.js";

/** Local `.prompt` files get the server's render limits: the real CLI, no server. */
let project: string;

// Three nested loops over the list: a million iterations for 100 items.
const runaway = `---
input:
  schema:
    items(array): string
---
{{#each items}}{{#each ../items}}{{#each ../../items}}x{{/each}}{{/each}}{{/each}}
`;
const items = JSON.stringify(Array.from({ length: 100 }, (_, index) => String(index)));

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), "quire-render-limits-"));
  writeFileSync(path.join(project, "loop.prompt"), runaway);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("render limits on local files", () => {
  test("quire render stops a runaway loop at QUIRE_RENDER_MAX_LOOP_ITERATIONS", async () => {
    const result = await runQuire(["render", "loop.prompt", "--var", `items=${items}`], {
      cwd: project,
      env: { QUIRE_RENDER_MAX_LOOP_ITERATIONS: "5000" },
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("loop.prompt: Handlebars stopped the render");
    expect(result.stderr).toContain("more than 5,000 loop iterations");
  }, 120_000);

  test("quire tokens stops it at quire.toml's [render] limit", async () => {
    writeFileSync(path.join(project, "quire.toml"), "[render]\nmaxLoopIterations = 3000\n");
    const result = await runQuire(["tokens", "loop.prompt", "--var", `items=${items}`], {
      cwd: project,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("more than 3,000 loop iterations");
  }, 120_000);
});
