import { describe, expect, it } from "vitest";
import { thrown } from "../testing/test-helpers.js";
import { chatContent, textContent } from "./__fixtures__/test-registry.js";
import {
  arrangeComponents,
  type LayoutComponent,
  layoutComponentOf,
} from "./arrange-components.js";
import { componentLayoutOf } from "./component-role.js";
import { composeChatLayout, composeFewShotLayout, composeTextLayout } from "./compose-layouts.js";

/** Given out of order on purpose: the layouts put them in role order. */
const components: LayoutComponent[] = [
  { name: "question", role: "input", text: "Question: {{question}}" },
  { name: "format", role: "output-format", text: "Answer in one sentence." },
  { name: "no-legal", role: "constraints", order: 2, text: "Give no legal advice." },
  { name: "be-kind", role: "constraints", order: 1, text: "Be kind.\n" },
  {
    name: "shot",
    role: "examples",
    messages: [
      { role: "user", content: "Where is my parcel?" },
      { role: "assistant", content: "It ships tomorrow." },
    ],
  },
  { name: "docs", role: "context", text: "{{docs}}" },
  { name: "persona", role: "system", text: "You are Quill, a support assistant." },
  { name: "task", role: "instructions", text: "Answer the customer's question." },
];

describe("component layouts", () => {
  it("text: one section per role in layout order, by order hint within a role (golden)", () => {
    expect(composeTextLayout(components)).toBe(
      [
        "You are Quill, a support assistant.",
        "## Context\n{{docs}}",
        "## Instructions\nAnswer the customer's question.",
        "## Constraints\nBe kind.\n\nGive no legal advice.",
        "## Examples\nUser: Where is my parcel?\nAssistant: It ships tomorrow.",
        "## Output format\nAnswer in one sentence.",
        "## Input\nQuestion: {{question}}",
      ].join("\n\n"),
    );
  });

  it("text: XML sections, plain, custom headings and separator (golden)", () => {
    const some = components.filter((component) =>
      ["persona", "task", "question"].includes(component.name),
    );
    expect(composeTextLayout(some, { style: "xml" })).toBe(
      "You are Quill, a support assistant.\n\n<instructions>\nAnswer the customer's question.\n</instructions>\n\n<input>\nQuestion: {{question}}\n</input>",
    );
    expect(composeTextLayout(some, { style: "plain", separator: "\n" })).toBe(
      "You are Quill, a support assistant.\nAnswer the customer's question.\nQuestion: {{question}}",
    );
    expect(composeTextLayout(some, { headings: { instructions: "Task", input: "" } })).toBe(
      "You are Quill, a support assistant.\n\n## Task\nAnswer the customer's question.\n\nQuestion: {{question}}",
    );
  });

  it("chat: the setup in a system message, context, examples and input in a user message (golden)", () => {
    expect(composeChatLayout(components)).toEqual([
      {
        role: "system",
        content:
          "You are Quill, a support assistant.\n\n## Instructions\nAnswer the customer's question.\n\n## Constraints\nBe kind.\n\nGive no legal advice.\n\n## Output format\nAnswer in one sentence.",
      },
      {
        role: "user",
        content:
          "## Context\n{{docs}}\n\n## Examples\nUser: Where is my parcel?\nAssistant: It ships tomorrow.\n\n## Input\nQuestion: {{question}}",
      },
    ]);
  });

  it("few-shot: chat examples become turns between the system message and the input (golden)", () => {
    const withTextExample: LayoutComponent[] = [
      ...components,
      { name: "text-shot", role: "examples", text: "Q: hi → A: hello" },
      {
        name: "first-shot",
        role: "examples",
        order: 0,
        messages: [
          { role: "user", content: "Refund?" },
          { role: "assistant", content: "Within 30 days." },
        ],
      },
    ];
    expect(composeFewShotLayout(withTextExample)).toEqual([
      {
        role: "system",
        content:
          "You are Quill, a support assistant.\n\n## Instructions\nAnswer the customer's question.\n\n## Constraints\nBe kind.\n\nGive no legal advice.\n\n## Examples\nQ: hi → A: hello\n\n## Output format\nAnswer in one sentence.",
      },
      { role: "user", content: "Refund?" },
      { role: "assistant", content: "Within 30 days." },
      { role: "user", content: "Where is my parcel?" },
      { role: "assistant", content: "It ships tomorrow." },
      { role: "user", content: "## Context\n{{docs}}\n\n## Input\nQuestion: {{question}}" },
    ]);
  });

  it("leaves out empty components and empty messages", () => {
    expect(
      composeChatLayout([
        { name: "empty", role: "context", text: "  \n" },
        { name: "task", role: "instructions", text: "Do it." },
      ]),
    ).toEqual([{ role: "system", content: "## Instructions\nDo it." }]);
  });

  it("arranges by a given role order; roles it leaves out come last, as given", () => {
    const arranged = arrangeComponents(components, ["input", "system"]).map(
      (component) => component.name,
    );
    expect(arranged.slice(0, 2)).toEqual(["question", "persona"]);
    expect(arranged.slice(2)).toEqual(["format", "be-kind", "no-legal", "shot", "docs", "task"]);
  });
});

describe("component roles from a version's metadata", () => {
  it("reads metadata.component {role, order}", () => {
    expect(componentLayoutOf({ component: { role: "constraints", order: 2 } })).toEqual({
      role: "constraints",
      order: 2,
    });
    expect(componentLayoutOf({})).toBeUndefined();
  });

  it.each([
    [{ component: "constraints" }, "must be an object"],
    [{ component: { role: "rules" } }, "must be one of system, context"],
    [{ component: { role: "input", order: "first" } }, "order must be a number"],
  ])("refuses %j", (metadata, message) => {
    const error = thrown(() => componentLayoutOf(metadata));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toContain(message);
    expect(error.details.field).toBe("metadata.component");
  });

  it("makes layout components from versions: text, or the messages of a chat prompt", () => {
    expect(
      layoutComponentOf(
        "rules",
        textContent("Be kind.", "handlebars", { component: { role: "constraints", order: 1 } }),
      ),
    ).toEqual({ name: "rules", role: "constraints", order: 1, text: "Be kind." });
    expect(
      layoutComponentOf("shot", chatContent([{ role: "user", content: "hi" }]), "examples"),
    ).toEqual({ name: "shot", role: "examples", messages: [{ role: "user", content: "hi" }] });
    expect(thrown(() => layoutComponentOf("bare", textContent("x"))).message).toContain(
      "has no role",
    );
  });
});
