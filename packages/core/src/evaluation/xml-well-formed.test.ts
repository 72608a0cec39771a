import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AssertionSpec } from "./assertion-spec.js";
import { evaluateAssertions } from "./evaluate-assertions.js";
import { xmlProblem } from "./xml-well-formed.js";

describe("xmlProblem", () => {
  it.each([
    "<a/>",
    '<?xml version="1.0" encoding="UTF-8"?>\n<!-- note --><root a="1" b=\'2\'><child>x &amp; y &#65; &#x42;</child><![CDATA[<raw> & ]]><?pi data?></root>\n',
    '<!DOCTYPE note [<!ENTITY who "Ada">]><note>&who;</note>',
    "<ns:a xmlns:ns='u'><ns:b /></ns:a>",
  ])("accepts well-formed XML: %s", (text) => {
    expect(xmlProblem(text)).toBeUndefined();
  });

  it.each([
    ["<a><b></a></b>", "expected </b>"],
    ["<a>", "<a> is never closed"],
    ["<a/><b/>", "a second root element"],
    ["text <a/>", "text outside the root element"],
    ["<a x=1/>", "not quoted"],
    ['<a x="1" x="2"/>', "repeated"],
    ["<a>fish & chips</a>", '"&" does not start a known entity'],
    ["<a>&nbsp;</a>", '"&" does not start a known entity'],
    ["<a><!-- open </a>", "a comment is never closed"],
    ["", "no root element"],
    ["</a>", "a closing tag with no open element"],
    ["<1a/>", "does not start a tag name"],
    ['<a x="<"/>', '"<" in the value'],
  ])("rejects %s", (text, message) => {
    expect(xmlProblem(text)?.message).toContain(message);
  });

  it("gives the line and column of the problem", () => {
    expect(xmlProblem("<a>\n  <b>\n</a>")).toMatchObject({ line: 3, column: 1 });
  });
});

describe("is-xml", () => {
  async function check(spec: AssertionSpec, output: string) {
    const { results } = await evaluateAssertions([spec], { output, variables: {} });
    return results[0];
  }

  it("passes well-formed XML and fails the rest with where it broke", async () => {
    expect((await check({ type: "is-xml" }, "  <a><b/></a>\n"))?.pass).toBe(true);
    const failed = await check({ type: "is-xml" }, "<a><b></a>");
    expect(failed?.pass).toBe(false);
    expect(failed?.reason).toContain("line 1, column 7");
    expect((await check({ type: "not-is-xml" }, "plain text"))?.pass).toBe(true);
  });
});

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: Array<XmlNode | string>;
}

const xmlName = fc.stringMatching(/^[a-z_][a-z0-9_.-]{0,6}$/);
const xmlText = fc
  .string({ maxLength: 8 })
  .map((text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/]]>/g, "]]&gt;"));
const xmlNode: fc.Memo<XmlNode> = fc.memo((depth) =>
  fc.record({
    name: xmlName,
    attributes: fc.dictionary(
      xmlName,
      xmlText.map((text) => text.replace(/"/g, "&quot;")),
      { maxKeys: 2 },
    ),
    children:
      depth <= 1
        ? fc.array(xmlText, { maxLength: 2 })
        : fc.array(fc.oneof(xmlText, xmlNode(depth - 1)), { maxLength: 3 }),
  }),
);

function serialize(node: XmlNode): string {
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join("");
  const inner = node.children
    .map((child) => (typeof child === "string" ? child : serialize(child)))
    .join("");
  return inner === ""
    ? `<${node.name}${attributes}/>`
    : `<${node.name}${attributes}>${inner}</${node.name}>`;
}

describe("xmlProblem properties", () => {
  it("accepts any serialized element tree, and rejects it with its last closing tag removed", () => {
    fc.assert(
      fc.property(xmlNode(3), (tree) => {
        const text = serialize(tree);
        expect(xmlProblem(text)).toBeUndefined();
        if (text.endsWith(`</${tree.name}>`)) {
          expect(xmlProblem(text.slice(0, -`</${tree.name}>`.length))).toBeDefined();
        }
      }),
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const problem = xmlProblem(text);
        if (problem !== undefined) expect(problem.line).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});
