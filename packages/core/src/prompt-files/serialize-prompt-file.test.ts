import fc from "fast-check";
import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { JsonSchema, MessageTemplate } from "../prompts/prompt-content.js";
import { parsePromptFile } from "./parse-prompt-file.js";
import { toJsonSchema } from "./picoschema.js";
import type { PromptFileContent } from "./prompt-file-types.js";
import { renderPromptFile } from "./render-prompt-file.js";
import { toRenderedParts } from "./rendered-messages.js";
import { serializePromptFile } from "./serialize-prompt-file.js";

/** The version-shaped fields of a parse, to compare with what was written. */
function contentOf(source: string): PromptFileContent {
  const parsed = parsePromptFile(source);
  return {
    type: parsed.type,
    engine: parsed.engine,
    template: parsed.template,
    inputSchema: parsed.inputSchema,
    outputSchema: parsed.outputSchema,
    config: parsed.config,
    metadata: parsed.metadata,
    ...(parsed.description === undefined ? {} : { description: parsed.description }),
    tags: parsed.tags,
    labels: parsed.labels,
  };
}

describe("serializePromptFile", () => {
  it("writes readable front matter with Picoschema and defaults, and a body", () => {
    const source = serializePromptFile({
      template: '{{role "system"}}\nSort it.\n{{role "user"}}\n{{ticket}}',
      type: "chat",
      engine: "handlebars",
      inputSchema: {
        type: "object",
        properties: {
          ticket: { type: "string", description: "the text" },
          tone: { type: ["string", "null"], default: "calm" },
        },
        required: ["ticket"],
        additionalProperties: false,
      },
      outputSchema: null,
      config: { model: "openai/gpt-4o", temperature: 0.2 },
      metadata: { owner: "support", dotprompt: { output: { format: "json" } } },
      description: "Sorts tickets",
      tags: ["support"],
      labels: ["production"],
    });
    expect(source).toBe(`---
model: openai/gpt-4o
description: Sorts tickets
tags:
  - support
labels:
  - production
config:
  temperature: 0.2
input:
  schema:
    ticket: string, the text
    tone?: string
  default:
    tone: calm
output:
  format: json
metadata:
  owner: support
---
{{role "system"}}
Sort it.
{{role "user"}}
{{ticket}}
`);
  });

  it("writes a bare body when there is nothing for the front matter", () => {
    expect(serializePromptFile({ template: "Hi {{name}}" })).toBe("Hi {{name}}");
    expect(serializePromptFile({ template: "---\nnot yaml\n---\n" })).toMatch(/^---\n\{\}\n---\n/);
  });

  it("keeps another engine's message list in the messages key", () => {
    const messages = [
      { role: "system", content: "Be {{ tone }}." },
      { role: "user", content: "{{ q }}" },
    ];
    const source = serializePromptFile({ template: messages, engine: "jinja2" });
    expect(source).toContain("messages:");
    expect(parsePromptFile(source).template).toEqual(messages);
  });

  it("writes a JSON Schema that Picoschema cannot express as JSON Schema", () => {
    const outputSchema = { type: "object", properties: { n: { type: "integer", minimum: 1 } } };
    const source = serializePromptFile({ template: "x", outputSchema });
    expect(source).toContain("minimum: 1");
    expect(parsePromptFile(source).outputSchema).toEqual(outputSchema);
  });

  it("refuses what a .prompt file cannot carry", () => {
    const refused = (run: () => unknown, field: string) => {
      try {
        run();
      } catch (error) {
        expect(isQuireError(error) && error.code === "VALIDATION_FAILED").toBe(true);
        if (isQuireError(error)) expect(error.details.field).toBe(field);
        return;
      }
      throw new Error("expected a refusal");
    };
    refused(
      () => serializePromptFile({ template: "x", outputSchema: { anyOf: [] } }),
      "outputSchema",
    );
    refused(
      () => serializePromptFile({ template: [{ role: "Assistant", content: "x" }] }),
      "template[0].role",
    );
    refused(
      () => serializePromptFile({ template: "x", model: "a", config: { model: "b" } }),
      "model",
    );
    refused(
      () => serializePromptFile({ template: "x", metadata: { dotprompt: { owner: 1 } } }),
      "metadata.dotprompt.owner",
    );
  });
});

// Generators for version-shaped content.
const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "yes",
    "null",
    "1.0",
    "0x1F",
    "~",
    "- a",
    "a: b",
    "#x",
    "'q'",
    '"d"',
    "---",
    "é\u2028",
  ),
);
const json = fc.jsonValue({ maxDepth: 2 });
const record = fc.dictionary(fc.oneof(word, text), json, { maxKeys: 3 });
const handlebarsTemplate = fc
  .array(
    fc.oneof(
      fc.constantFrom("Hello", "a, b: c", "\n", "  ", "---", "é", "{{name}}", "{{#if x}}y{{/if}}"),
      fc.constantFrom('{{role "system"}}', '{{role "user"}}', "{{history}}", "{{json obj}}"),
    ),
    { maxLength: 8 },
  )
  .map((pieces) => pieces.join("").trim());
const picoschema = fc.dictionary(
  fc.tuple(word, fc.boolean()).map(([name, optional]) => `${name}${optional ? "?" : ""}`),
  fc.oneof(
    fc.constantFrom("string", "integer", "number, a count", "boolean", "any"),
    fc.dictionary(word, fc.constantFrom("string", "number"), { maxKeys: 2 }),
  ),
  { maxKeys: 4 },
);
const schema: fc.Arbitrary<JsonSchema | null> = fc.oneof(
  fc.constant(null),
  picoschema.map((pico) => toJsonSchema(pico)),
  fc.record({
    type: fc.constant("object"),
    properties: fc.dictionary(word, fc.record({ type: fc.constantFrom("string", "number") }), {
      maxKeys: 3,
    }),
    description: text,
  }),
);
const inputSchema = fc
  .tuple(schema, fc.dictionary(word, json, { maxKeys: 2 }))
  .map(([base, defaults]): JsonSchema | null => {
    if (Object.keys(defaults).length === 0) return base;
    const properties = { ...((base?.properties as Record<string, JsonSchema>) ?? {}) };
    for (const [key, value] of Object.entries(defaults)) {
      properties[key] = { ...properties[key], default: value };
    }
    return { ...(base ?? { type: "object" }), properties };
  });
const messageList = fc.array(
  fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: text }),
  { minLength: 1, maxLength: 3 },
);
const version: fc.Arbitrary<PromptFileContent> = fc
  .record({
    engine: fc.constantFrom("handlebars", "jinja2", "liquid", "mustache" as const),
    text: fc.oneof(
      handlebarsTemplate,
      text.map((value) => value.trim()),
    ),
    messages: fc.option(messageList, { nil: undefined }),
    explicitType: fc.option(fc.constantFrom("text", "chat" as const), { nil: undefined }),
    inputSchema,
    outputSchema: schema,
    model: fc.option(fc.constantFrom("openai/gpt-4o", "m"), { nil: undefined }),
    config: record,
    metadata: fc.dictionary(fc.oneof(word, text), json, { maxKeys: 3 }),
    passthrough: fc.record(
      {
        output: fc.record({ format: fc.constantFrom("json", "text") }),
        tools: fc.array(word, { maxLength: 2 }),
        "myapp.owner": json,
      },
      { requiredKeys: [] },
    ),
    description: fc.option(
      text.filter((value) => value !== ""),
      { nil: undefined },
    ),
    tags: fc.array(word, { maxLength: 3 }),
    labels: fc.array(word, { maxLength: 2 }),
  })
  .filter(({ engine, text: body }) => engine !== "handlebars" || !/^[\s\S]*\{\{[^}]*$/.test(body))
  .map((generated) => {
    const useList = generated.messages !== undefined && generated.engine !== "handlebars";
    const template = useList ? (generated.messages as MessageTemplate[]) : generated.text;
    const { model: _model, dotprompt: _dotprompt, ...config } = generated.config;
    const { dotprompt: _reserved, ...metadata } = generated.metadata;
    return {
      type: useList
        ? "chat"
        : (generated.explicitType ?? inferredType(generated.engine, generated.text)),
      engine: generated.engine,
      template,
      inputSchema: generated.inputSchema,
      outputSchema: generated.outputSchema,
      config: generated.model === undefined ? config : { ...config, model: generated.model },
      metadata:
        Object.keys(generated.passthrough).length === 0
          ? metadata
          : { ...metadata, dotprompt: generated.passthrough },
      ...(generated.description === undefined ? {} : { description: generated.description }),
      tags: generated.tags,
      labels: generated.labels,
    };
  });

function inferredType(engine: string, template: string): "text" | "chat" {
  return engine === "handlebars" && /\{\{(role|history)\b/.test(template) ? "chat" : "text";
}

describe("serializePromptFile round trip", () => {
  it("parse(serialize(x)) gives x back", () => {
    fc.assert(
      fc.property(version, (content) => {
        const source = serializePromptFile(content);
        expect(contentOf(source)).toEqual(content);
      }),
      { numRuns: 400 },
    );
  });

  it("keeps a Handlebars message list as a list (pull then push is unchanged) that renders the same messages", () => {
    const content = fc.array(
      fc.constantFrom(
        "Hi {{name}}",
        "  padded  ",
        "\n{{#if flag}}\nyes\n{{/if}}\n",
        "",
        "a\n\nb",
        "{{#each list}}{{this}},{{/each}}",
      ),
      { minLength: 1, maxLength: 3 },
    );
    const list = fc.array(
      fc.record({
        role: fc.constantFrom("system", "user", "model"),
        content: content.map((parts) => parts.join("")),
      }),
      { minLength: 1, maxLength: 4 },
    );
    const variables = fc.record({
      name: fc.constantFrom("Ada", " "),
      flag: fc.boolean(),
      list: fc.constant([1, 2]),
    });
    fc.assert(
      fc.property(list, variables, (messages, input) => {
        const source = serializePromptFile({ template: messages });
        const expected = messages
          .map(({ role, content: template }) => ({
            role,
            text: Handlebars.create().compile(template, { noEscape: true })(input),
          }))
          .filter(({ text: rendered }) => rendered.trim() !== "")
          .map(({ role, text: rendered }) => ({ role, content: toRenderedParts(rendered) }));
        expect(parsePromptFile(source).type).toBe("chat");
        expect(parsePromptFile(source).template).toEqual(messages);
        expect(renderPromptFile(source, { input }).messages).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
