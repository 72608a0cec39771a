import { Dotprompt } from "dotprompt";
import { describe, expect, it } from "vitest";
import { splitPromptFile } from "./front-matter.js";

describe("splitPromptFile", () => {
  it("cuts YAML and body and says on which lines they start", () => {
    expect(splitPromptFile("---\nmodel: m\n---\nHello\n")).toEqual({
      yaml: "model: m",
      body: "Hello\n",
      yamlLine: 2,
      bodyLine: 4,
    });
    expect(splitPromptFile("---\r\na: 1\r\nb: 2\r\n---\r\nHi")).toMatchObject({
      yaml: "a: 1\r\nb: 2",
      body: "Hi",
      bodyLine: 5,
    });
  });

  const notFrontMatter = [
    ["no closing line", "---\nmodel: m\nHello"],
    ["no line break after the closing line", "---\nmodel: m\n---"],
    ["empty front matter", "---\n---\nHello"],
    ["not at the start", "\n---\nmodel: m\n---\nHello"],
  ];
  for (const [title, source] of notFrontMatter) {
    it(`treats a file with ${title} as all body, as Dotprompt does`, () => {
      expect(splitPromptFile(source as string)).toEqual({
        yaml: undefined,
        body: source,
        yamlLine: 1,
        bodyLine: 1,
      });
      expect(new Dotprompt().parse(source as string).template).toBe(source);
    });
  }
});
