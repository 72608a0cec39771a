import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Dotprompt } from "dotprompt";
import { describe, expect, it } from "vitest";
import { partialNameFromPath } from "./prompt-file-name.js";
import { type PromptFileData, renderPromptFile } from "./render-prompt-file.js";

const fixtures = fileURLToPath(new URL("./__fixtures__/", import.meta.url));
const partialsFolder = join(fixtures, "partials");

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".prompt"))
    .map((entry) => join(entry.parentPath, entry.name));
}

const partials: Record<string, string> = {};
for (const path of filesUnder(partialsFolder)) {
  partials[partialNameFromPath(relative(partialsFolder, path)).name] = readFileSync(path, "utf8");
}

const cases = JSON.parse(readFileSync(join(fixtures, "render-cases.json"), "utf8")) as Record<
  string,
  PromptFileData[]
>;
const promptFiles = readdirSync(fixtures).filter((name) => name.endsWith(".prompt"));

/** What Dotprompt renders: with the file's defaults passed as Dotprompt's callers pass them. */
async function dotpromptRender(source: string, data: PromptFileData, withDefaults: boolean) {
  const dotprompt = new Dotprompt({ partials });
  const defaults = dotprompt.parse(source).input?.default;
  // Dotprompt's types narrow roles to four names; the data is the same object.
  const argument = data as Parameters<Dotprompt["render"]>[1];
  const rendered =
    withDefaults && defaults !== undefined
      ? await dotprompt.render(source, argument, { input: { default: defaults } })
      : await dotprompt.render(source, argument);
  return rendered.messages;
}

describe("renderPromptFile gives exactly Dotprompt's messages", () => {
  it("has a fixture folder of at least 12 prompt files, each with render cases", () => {
    expect(promptFiles.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(cases).sort()).toEqual([...promptFiles].sort());
    expect(Object.keys(partials).sort()).toEqual(["common/footer", "header", "note"]);
  });

  for (const fileName of promptFiles) {
    const source = readFileSync(join(fixtures, fileName), "utf8");
    (cases[fileName] ?? []).forEach((data, index) => {
      it(`${fileName} case ${index + 1}`, async () => {
        const expected = await dotpromptRender(source, data, true);
        expect(expected.length).toBeGreaterThan(0);
        const ours = renderPromptFile(source, data, { fileName, partials });
        expect(ours.messages).toEqual(expected);
        // Same keys in the same order too, so serialized output is byte-identical.
        expect(JSON.stringify(ours.messages)).toBe(JSON.stringify(expected));
      });

      it(`${fileName} case ${index + 1}, without applying the file's defaults`, async () => {
        const expected = await dotpromptRender(source, data, false);
        const ours = renderPromptFile(source, data, {
          fileName,
          partials,
          applyInputDefaults: false,
        });
        expect(JSON.stringify(ours.messages)).toBe(JSON.stringify(expected));
      });
    });
  }
});
