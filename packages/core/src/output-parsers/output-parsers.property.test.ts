import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCodeBlocks } from "./code-blocks.js";
import { extractJson } from "./json-output.js";
import { jsonSyntaxProblem } from "./json-syntax-error.js";
import { parseList, parseListWithStyle } from "./list-output.js";

/** Prose a model may write around its answer: no brackets, so the JSON is the first one. */
const prose = fc
  .array(
    fc.constantFrom("Sure", "here", "is", "the", "answer", ":", "—", "ok.", "\n", "Note", "done!"),
  )
  .map((words) => words.join(" "));

const serialized = (value: unknown) =>
  fc.constantFrom(
    JSON.stringify(value),
    JSON.stringify(value, null, 2),
    JSON.stringify(value, null, "\t"),
  );

/** What JSON can carry of a value (-0 becomes 0). */
const viaJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("JSON output round trips", () => {
  it("reads any JSON value back, bare or fenced, with prose around the fence", () => {
    fc.assert(
      fc.property(
        fc.jsonValue().chain((value) => fc.tuple(fc.constant(value), serialized(value))),
        prose,
        prose,
        fc.constantFrom("json", "JSON", ""),
        ([value, json], before, after, language) => {
          expect(extractJson(json).value).toEqual(viaJson(value));
          const fenced = `${before}\n\`\`\`${language}\n${json}\n\`\`\`\n${after}`;
          expect(extractJson(fenced).value).toEqual(viaJson(value));
        },
      ),
    );
  });

  it("finds any object or array inside prose", () => {
    const container = fc.oneof(
      fc.dictionary(fc.string(), fc.jsonValue()),
      fc.array(fc.jsonValue()),
    );
    fc.assert(
      fc.property(
        container.chain((value) => fc.tuple(fc.constant(value), serialized(value))),
        prose,
        fc.string(),
        ([value, json], before, after) => {
          const found = extractJson(`${before} ${json} ${after}`);
          expect(found.value).toEqual(viaJson(value));
        },
      ),
    );
  });

  it("locates a syntax error in every text JSON.parse refuses, and none in texts it accepts", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => json.slice(0, -1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const problem = jsonSyntaxProblem(text);
          expect(problem === undefined).toBe(valid);
          if (problem !== undefined) expect(problem.offset).toBeLessThanOrEqual(text.length);
        },
      ),
    );
  });
});

/** Items a model may list: one line, no surrounding spaces, not starting with "and"/"or". */
const item = fc
  .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ()'"!?:;&/-]{0,30}$/)
  .map((text) => text.trim())
  .filter((text) => text !== "" && !/^(?:and|or)\s/i.test(text));

describe("list output round trips", () => {
  it("reads generated items back in every style", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (items) => {
        expect(parseList(items.map((each) => `- ${each}`).join("\n"))).toEqual(items);
        expect(parseList(items.map((each, index) => `${index + 1}. ${each}`).join("\n"))).toEqual(
          items,
        );
        expect(parseList(items.join("\n"), { style: "lines" })).toEqual(items);
        const commaSafe = items.filter((each) => !each.endsWith("."));
        if (commaSafe.length > 0) {
          expect(parseList(commaSafe.join(", "), { style: "comma-separated" })).toEqual(commaSafe);
        }
      }),
    );
  });

  it("ignores the prose before and after a marked list", () => {
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("bulleted", "numbered"),
        (items, style) => {
          const lines = items.map((each, index) =>
            style === "bulleted" ? `* ${each}` : `${index + 1}) ${each}`,
          );
          const text = `Here are the items you asked for:\n\n${lines.join("\n")}\n\nLet me know if you need more.`;
          expect(parseListWithStyle(text)).toEqual({ items, style });
        },
      ),
    );
  });
});

describe("code block round trips", () => {
  it("reads back the code and language of every block", () => {
    const code = fc
      .array(
        fc.string().filter((line) => !line.includes("\n") && !/^ {0,3}(`{3,}|~{3,})/.test(line)),
      )
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("python", "ts", "json", ""), code), { maxLength: 5 }),
        (blocks) => {
          const text = blocks
            .map(([language, body]) => `Text before.\n\`\`\`${language}\n${body}\n\`\`\``)
            .join("\n");
          const parsed = parseCodeBlocks(text);
          expect(parsed.map((block) => [block.language ?? "", block.code])).toEqual(
            blocks.map(([language, body]) => [language, body.replace(/\r$/gm, "")]),
          );
        },
      ),
    );
  });
});
