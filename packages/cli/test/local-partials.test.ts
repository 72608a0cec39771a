import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runQuire } from "./run-quire.js";

/** Local renders of a file that includes a partial named with folders (`{{> team/footer}}`). */
let folder: string | undefined;
afterEach(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function project(withConfig: boolean): string {
  folder = mkdtempSync(path.join(tmpdir(), "quire-local-partials-"));
  mkdirSync(path.join(folder, "prompts", "team"), { recursive: true });
  writeFileSync(
    path.join(folder, "prompts", "team", "helper.prompt"),
    "Hi {{name}}.\n{{> team/footer}}\n",
  );
  writeFileSync(path.join(folder, "prompts", "team", "_footer.prompt"), "Thanks, the team.\n");
  if (withConfig) writeFileSync(path.join(folder, "quire.toml"), "");
  return folder;
}

describe("a partial with folders in its name, rendered locally", () => {
  test("without quire.toml: the error says where it looked and how to fix it", async () => {
    const cwd = project(false);
    for (const command of ["render", "tokens"]) {
      const run = await runQuire([command, "prompts/team/helper.prompt", "--var", "name=Ada"], {
        cwd,
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('the partial "team/footer"');
      expect(run.stderr).toContain("quire init");
      expect(run.stderr).toContain("team/_footer.prompt");
      expect(run.stderr).not.toContain("partials option");
    }
  });

  test("inside a project (quire.toml): it is found as quire push names it", async () => {
    const cwd = project(true);
    const run = await runQuire(["render", "prompts/team/helper.prompt", "--var", "name=Ada"], {
      cwd,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Hi Ada.\nThanks, the team.");
  });
});
