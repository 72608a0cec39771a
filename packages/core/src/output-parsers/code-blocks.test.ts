import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { codeBlocksIn, parseCodeBlock, parseCodeBlocks } from "./code-blocks.js";

const reply = [
  "Here is the function:",
  "",
  "```ts title=sum.ts",
  "export const sum = (a: number, b: number) => a + b;",
  "```",
  "",
  "And a test, in a longer fence that holds a fence:",
  "````markdown",
  "```js",
  "nested",
  "```",
  "````",
  "  ~~~py",
  "  print(1)",
  "    indented",
  "  ~~~",
].join("\n");

describe("parseCodeBlocks", () => {
  it("finds every fenced block with its language, info string and line", () => {
    const blocks = parseCodeBlocks(reply);
    expect(blocks.map((block) => [block.language, block.line, block.closed])).toEqual([
      ["ts", 3, true],
      ["markdown", 8, true],
      ["py", 13, true],
    ]);
    expect(blocks[0]?.info).toBe("ts title=sum.ts");
    expect(blocks[1]?.code).toBe("```js\nnested\n```");
    expect(blocks[2]?.code).toBe("print(1)\n  indented");
  });

  it("keeps a block the output ended inside, marked as not closed", () => {
    const [block] = parseCodeBlocks("```python\ndef f():\n    return");
    expect(block).toMatchObject({
      language: "python",
      code: "def f():\n    return",
      closed: false,
    });
  });

  it("does not take inline triple backticks for a fence, and reads CRLF line ends", () => {
    expect(parseCodeBlocks("Use ```x``` inline.")).toEqual([]);
    expect(parseCodeBlocks("```sql\r\nSELECT 1;\r\n```\r\n")[0]?.code).toBe("SELECT 1;");
  });
});

describe("parseCodeBlock", () => {
  it("picks the first block of a language, aliases included", () => {
    expect(parseCodeBlock(reply, "typescript")).toContain("export const sum");
    expect(parseCodeBlock(reply, "python")).toBe("print(1)\n  indented");
    expect(codeBlocksIn(reply, "PY")).toHaveLength(1);
    expect(parseCodeBlock(reply)).toContain("export const sum");
  });

  it("says which blocks there are when the language is missing", () => {
    const error = thrown(() => parseCodeBlock(reply, "rust"));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toBe(
      'Expected a ```rust code block, but the output\'s code blocks are in ts (line 3), markdown (line 8), py (line 13); the output starts with "Here is the function: ```ts title=sum.ts export const sum =…"',
    );
    expect(error.details.languages).toEqual(["ts", "markdown", "py"]);
  });

  it("says when there is no block at all", () => {
    expect(thrown(() => parseCodeBlock("just prose")).message).toMatch(
      /^Expected a fenced code block \(```\), but the output has no fenced code block/,
    );
  });
});
