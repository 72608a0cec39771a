import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { supportAgent, supportExamples } from "./__fixtures__/support-agent.js";
import {
  buildSystemPrompt,
  buildSystemPromptMessages,
  roleSentence,
  type SystemPromptSpec,
} from "./system-prompt.js";

/** A golden output in __fixtures__; the files end with a newline, the outputs do not. */
const golden = (fileName: string) =>
  readFileSync(new URL(`./__fixtures__/${fileName}`, import.meta.url), "utf8").replace(/\n$/, "");

describe("buildSystemPrompt", () => {
  it("lays every section out in the fixed order (golden, Markdown)", () => {
    expect(buildSystemPrompt(supportAgent)).toBe(golden("system-prompt.markdown.txt"));
  });

  it("lays every section out in the fixed order (golden, XML tags)", () => {
    expect(buildSystemPrompt(supportAgent, { sectionStyle: "xml" })).toBe(
      golden("system-prompt.xml.txt"),
    );
  });

  it("omits empty and blank sections", () => {
    expect(buildSystemPrompt({})).toBe("");
    expect(buildSystemPrompt({ role: "a poet", context: "  \n", capabilities: [" "] })).toBe(
      "You are a poet.",
    );
    expect(buildSystemPrompt({ constraints: ["Be brief"], examples: [] })).toBe(
      "## Constraints\n- Be brief",
    );
  });

  it("passes example layout options through", () => {
    const text = buildSystemPrompt(
      { examples: supportExamples },
      { fewShot: { numbered: false, explanations: false, inputLabel: "Q", outputLabel: "A" } },
    );
    expect(text).toBe(
      [
        "## Examples",
        "Q: I was charged twice this month.",
        "A: Sorry about that. I have refunded the duplicate charge; it will show within 5 days.",
        "",
        "Q: How do I reset my password?",
        'A: Use the "Forgot password" link on the sign-in page.',
      ].join("\n"),
    );
  });

  it("shows a heading exactly when its part has content, and is deterministic", () => {
    // Text without "#", so a heading in the output can only come from the builder.
    const text = fc.stringMatching(/^[a-z \n.]{0,12}$/);
    const spec = fc.record(
      {
        role: text,
        expertise: fc.array(text, { maxLength: 3 }),
        context: text,
        capabilities: fc.array(text, { maxLength: 3 }),
        constraints: fc.array(text, { maxLength: 3 }),
        outputFormat: text,
      },
      { requiredKeys: [] },
    );
    const blank = (part: string | readonly string[] | undefined) =>
      (typeof part === "string" ? [part] : (part ?? [])).every((item) => item.trim() === "");
    fc.assert(
      fc.property(spec, (value: SystemPromptSpec) => {
        const output = buildSystemPrompt(value);
        expect(buildSystemPrompt(structuredClone(value))).toBe(output);
        for (const [title, part] of [
          ["Context", value.context],
          ["Capabilities", value.capabilities],
          ["Constraints", value.constraints],
          ["Output format", value.outputFormat],
        ] as const) {
          expect(output.includes(`## ${title}\n`)).toBe(!blank(part));
        }
        // A role of only periods is empty too: the builder drops a role's closing periods.
        const role = (value.role ?? "").trim().replace(/\.+$/, "");
        expect(output.startsWith("You ")).toBe(!blank(role) || !blank(value.expertise));
        expect(output).toBe(output.trim());
        expect(output).not.toContain("\n\n\n##");
      }),
    );
  });
});

describe("roleSentence", () => {
  it("joins role and expertise into one sentence", () => {
    expect(roleSentence({ role: "a tax adviser", expertise: ["VAT"] })).toBe(
      "You are a tax adviser, with expertise in VAT.",
    );
    expect(roleSentence({ expertise: ["SQL", "", "Rust"] })).toBe(
      "You have expertise in SQL and Rust.",
    );
    expect(roleSentence({ role: "You are Ada, a tutor." })).toBe("You are Ada, a tutor.");
    expect(roleSentence({ role: " " })).toBe("");
  });
});

describe("buildSystemPromptMessages", () => {
  it("gives one system message holding the text layout by default", () => {
    expect(buildSystemPromptMessages(supportAgent)).toEqual([
      { role: "system", content: [{ type: "text", text: golden("system-prompt.markdown.txt") }] },
    ]);
  });

  it("moves the examples into alternating turns after the system message when asked", () => {
    const messages = buildSystemPromptMessages(supportAgent, { examplesAs: "turns" });
    expect(messages.map((message) => message.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
      "assistant",
    ]);
    const system = messages[0]?.content[0];
    expect(system?.type === "text" && system.text).toBe(
      golden("system-prompt.markdown.txt").split("\n\n## Examples")[0],
    );
    expect(messages[2]?.content).toEqual([
      {
        type: "text",
        text: "Explanation: A duplicate charge is a billing error, so it is refunded without questions.\nOutput: Sorry about that. I have refunded the duplicate charge; it will show within 5 days.",
      },
    ]);
  });

  it("gives no system message for an empty spec", () => {
    expect(buildSystemPromptMessages({})).toEqual([]);
    expect(
      buildSystemPromptMessages({ examples: supportExamples.slice(1) }, { examplesAs: "turns" }),
    ).toHaveLength(2);
  });
});
