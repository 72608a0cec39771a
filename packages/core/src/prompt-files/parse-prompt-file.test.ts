import { describe, expect, it } from "vitest";
import { thrown as failure } from "../testing/test-helpers.js";
import { parsePromptFile } from "./parse-prompt-file.js";

const triage = `---
model: openai/gpt-4o-mini
description: Sorts tickets
tags: [support, triage]
labels: [production, staging]
config:
  temperature: 0.2
input:
  schema:
    ticket: string, the ticket text
    priority?(enum): [low, high]
  default:
    priority: low
output:
  format: json
  schema:
    category: string
metadata:
  owner: support-team
tools: [lookupOrder]
myapp.reviewed: true
---

{{role "system"}}
Sort the ticket.
{{role "user"}}
{{ticket}}

`;

describe("parsePromptFile", () => {
  const parsed = parsePromptFile(triage, { fileName: "support/triage.prompt" });

  it("names the prompt from its path", () => {
    expect(parsed.name).toBe("support/triage");
    expect(parsed.variant).toBeUndefined();
    expect(parsePromptFile("Hi", { fileName: "greet.casual.prompt" })).toMatchObject({
      name: "greet",
      variant: "casual",
    });
    expect(parsePromptFile("Hi", { fileName: "/tmp/x y.prompt" }).name).toBeUndefined();
  });

  it("reads Quire's and Dotprompt's keys into typed fields", () => {
    expect(parsed).toMatchObject({
      type: "chat",
      engine: "handlebars",
      model: "openai/gpt-4o-mini",
      config: { temperature: 0.2, model: "openai/gpt-4o-mini" },
      description: "Sorts tickets",
      tags: ["support", "triage"],
      labels: ["production", "staging"],
      output: { format: "json", schema: { type: "object", required: ["category"] } },
      ext: { myapp: { reviewed: true } },
    });
    expect(parsed.frontMatter.tools).toEqual(["lookupOrder"]);
  });

  it("converts the Picoschema input and folds defaults into the JSON Schema", () => {
    expect(parsed.input).toEqual({
      schema: {
        type: "object",
        properties: {
          ticket: { type: "string", description: "the ticket text" },
          priority: { enum: ["low", "high", null] },
        },
        required: ["ticket"],
        additionalProperties: false,
      },
      default: { priority: "low" },
    });
    expect(parsed.inputSchema?.properties).toEqual({
      ticket: { type: "string", description: "the ticket text" },
      priority: { enum: ["low", "high", null], default: "low" },
    });
  });

  it("keeps Dotprompt keys Quire has no field for in metadata.dotprompt", () => {
    expect(parsed.metadata).toEqual({
      owner: "support-team",
      dotprompt: { tools: ["lookupOrder"], "myapp.reviewed": true, output: { format: "json" } },
    });
  });

  it("trims the body after front matter and keeps a file without front matter as written", () => {
    expect(parsed.template).toBe(
      '{{role "system"}}\nSort the ticket.\n{{role "user"}}\n{{ticket}}',
    );
    expect(parsed.bodyLine).toBe(24);
    expect(parsePromptFile("  Hello {{name}}\n").template).toBe("  Hello {{name}}\n");
  });

  it("decides chat or text from the body's role and history markers", () => {
    expect(parsePromptFile("Hello").type).toBe("text");
    expect(parsePromptFile("{{#if a}}{{history}}{{/if}}").type).toBe("chat");
    expect(parsePromptFile('Say "{{role}}"').type).toBe("chat");
    expect(parsePromptFile("{{@role}} {{user.role}}").type).toBe("text");
    expect(parsePromptFile("---\ntype: chat\n---\nHello").type).toBe("chat");
  });

  it("reads a message list for other engines from the messages key", () => {
    const jinja = parsePromptFile(
      "---\nengine: jinja2\nmessages:\n  - role: system\n    content: Be {{ tone }}.\n  - role: user\n    content: '{{ q }}'\n---\n",
    );
    expect(jinja).toMatchObject({
      engine: "jinja2",
      type: "chat",
      template: [
        { role: "system", content: "Be {{ tone }}." },
        { role: "user", content: "{{ q }}" },
      ],
    });
    // Other engines' bodies are not parsed as Handlebars.
    expect(parsePromptFile("---\nengine: jinja2\n---\n{% if x %}{{ y }}").type).toBe("text");
  });
});

describe("parsePromptFile errors", () => {
  it("reports a YAML error with the line and column in the whole file", () => {
    const source = "---\nmodel: x\nconfig:\n  temperature: 1\n   top_p: 2\n---\nbody\n";
    const error = failure(() => parsePromptFile(source, { fileName: "support/triage.prompt" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({ file: "support/triage.prompt", line: 4, column: 16 });
    expect(error.message).toMatch(/^support\/triage\.prompt:4:16: .*in the YAML front matter/);
    expect(error.message).toContain("4 |   temperature: 1");
  });

  it("counts lines from the real start of the front matter", () => {
    // Dotprompt's pattern lets blank lines follow the opening "---": the YAML starts on line 3.
    const error = failure(() => parsePromptFile("---  \n\nmodel: [a\n---\nx"));
    expect(error.details).toMatchObject({ line: 3, column: 10 });
    const duplicate = failure(() => parsePromptFile("---\na.b: 1\na.b: 2\n---\nx"));
    expect(duplicate.details).toMatchObject({ line: 3, column: 1 });
    expect(duplicate.message).toContain("unique");
  });

  it("refuses front matter that is not a mapping", () => {
    expect(failure(() => parsePromptFile("---\n- a\n- b\n---\nx")).message).toMatch(
      /<prompt>:2:1: the front matter must be a mapping/,
    );
  });

  const wrong: Array<[string, string, RegExp, number, number]> = [
    ["labels: 3", "labels", /"labels" must be a list of label names/, 2, 9],
    ["engine: erb", "engine", /"engine" must be one of handlebars, jinja2, liquid, mustache/, 2, 9],
    ["labels: [production, '12']", "labels.1", /looks like a version number/, 2, 22],
    ["tags: [ok, 'has space']", "tags.1", /without spaces/, 2, 12],
    ["modle: gpt", "modle", /not a front matter key Quire knows/, 2, 8],
    ["raw: {}", "raw", /not a front matter key/, 2, 6],
    ["model: gpt\nconfig:\n  model: other", "config.model", /keep the top-level "model"/, 4, 10],
    ["metadata:\n  dotprompt: 1", "metadata.dotprompt", /reserved/, 3, 14],
    ["input:\n  defaults: {}", "input.defaults", /input takes schema, default/, 3, 13],
    ["output:\n  format: 3", "output.format", /must be text/, 3, 11],
    ["type: json", "type", /must be one of text, chat/, 2, 7],
    ["input:\n  schema: string\n  default:\n    a: 1", "input.default", /cannot apply/, 5, 5],
    ["tools: lookup", "tools", /must be a list of tool names/, 2, 8],
  ];
  for (const [yaml, field, message, line, column] of wrong) {
    it(`refuses ${JSON.stringify(yaml)} naming ${field} and its line`, () => {
      const error = failure(() =>
        parsePromptFile(`---\n${yaml}\n---\nHi`, { fileName: "a.prompt" }),
      );
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details).toMatchObject({ field, file: "a.prompt", line, column });
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(new RegExp(`^a\\.prompt:${line}:${column}: `));
    });
  }

  it("places a Picoschema error at the key that is wrong", () => {
    const source =
      "---\ninput:\n  schema:\n    user(object):\n      name: strng\n---\n{{user.name}}";
    const error = failure(() => parsePromptFile(source, { fileName: "p.prompt" }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({ field: "input.schema.user.name", line: 5, column: 7 });
    expect(error.message).toMatch(
      /^p\.prompt:5:7: Invalid Picoschema at input\.schema\.user\.name/,
    );
  });

  it("reports a Handlebars syntax error at its line and column in the whole file", () => {
    const source = "---\nmodel: m\n---\n\n  Hello\n  {{#if x}}unclosed\n";
    const error = failure(() => parsePromptFile(source, { fileName: "s.prompt" }));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "handlebars", file: "s.prompt", line: 6 });
    const open = failure(() => parsePromptFile("---\nmodel: m\n---\n  x {{ }}", { fileName: "t" }));
    expect(open.details).toMatchObject({ line: 4, column: 8 });
    expect(open.message).toContain("4 |   x {{ }}");
  });

  it("refuses a message list together with a body, and messages without a role", () => {
    expect(failure(() => parsePromptFile("---\nmessages: []\n---\nbody")).message).toMatch(
      /also has a body/,
    );
    expect(
      failure(() => parsePromptFile("---\nmessages:\n  - content: hi\n---\n")).details.field,
    ).toBe("messages.0.role");
  });
});
