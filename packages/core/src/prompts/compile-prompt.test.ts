import { Liquid, Parser } from "liquidjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { handlebarsSetup } from "../templates/engines/handlebars-setup.js";
import { nunjucksInternals } from "../templates/engines/nunjucks-internals.js";
import { thrown } from "../testing/test-helpers.js";
import { compilePrompt, type RenderResult } from "./compile-prompt.js";
import type { PromptContent } from "./prompt-content.js";

const content = (overrides: Partial<PromptContent>): PromptContent => ({
  type: "text",
  engine: "handlebars",
  template: "",
  inputSchema: null,
  outputSchema: null,
  config: {},
  metadata: {},
  ...overrides,
});

const textOf = (result: RenderResult) => ("text" in result ? result.text : undefined);
const messagesOf = (result: RenderResult) => ("messages" in result ? result.messages : undefined);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("compilePrompt: text prompts", () => {
  it("renders {text} in each engine and returns the variables", () => {
    const templates = {
      handlebars: "Hi {{name}}",
      jinja2: "Hi {{ name }}",
      liquid: "Hi {{ name }}",
      mustache: "Hi {{name}}",
    };
    for (const [engine, template] of Object.entries(templates)) {
      const variables = { name: "<Ada>" };
      const result = compilePrompt(
        content({ engine: engine as PromptContent["engine"], template }),
      ).render(variables);
      expect(result).toEqual({ text: "Hi <Ada>", variables });
    }
  });

  it("renders missing variables as nothing without a schema, unless strict", () => {
    const prompt = compilePrompt(content({ template: "[{{a}}][{{b.c}}]" }));
    expect(textOf(prompt.render({}))).toBe("[][]");
    expect(prompt.variables.map((variable) => variable.name)).toEqual(["a", "b"]);
    const error = thrown(() => prompt.render({ a: 1, typo: 2 }, { strict: true }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details.problems).toEqual([
      {
        path: "typo",
        keyword: "unknown",
        message: 'Unknown variable "typo" (strict mode): the template declares "a", "b"',
      },
      {
        path: "b",
        keyword: "required",
        message: 'Missing variable "b" (strict mode): the template reads it',
      },
    ]);
    expect(textOf(prompt.render({ a: 1, b: { c: 2 } }, { strict: true }))).toBe("[1][2]");
  });

  it("validates against the input schema, fills defaults and never changes the caller's object", () => {
    const prompt = compilePrompt(
      content({
        template: "{{ticket}} ({{tone}})",
        inputSchema: {
          type: "object",
          properties: { ticket: { type: "string" }, tone: { type: "string", default: "formal" } },
          required: ["ticket"],
        },
      }),
    );
    const input = { ticket: "T" };
    expect(prompt.render(input)).toEqual({
      text: "T (formal)",
      variables: { ticket: "T", tone: "formal" },
    });
    expect(input).toEqual({ ticket: "T" });
    expect(thrown(() => prompt.render({})).message).toBe(
      'Missing required variable "ticket" (string)',
    );
    const strict = thrown(() =>
      prompt.render({ ticket: "T", other: 1, more: 2 }, { strict: true }),
    );
    expect((strict.details.problems as { path: string }[]).map((problem) => problem.path)).toEqual([
      "other",
      "more",
    ]);
  });

  it("refuses variables that are not an object", () => {
    expect(thrown(() => compilePrompt(content({ template: "x" })).render([] as never)).code).toBe(
      "VALIDATION_FAILED",
    );
  });

  it("refuses a template over the maximum size, the default or a configured one", () => {
    const big = content({ template: "x".repeat(102_401) });
    expect(thrown(() => compilePrompt(big)).code).toBe("PAYLOAD_TOO_LARGE");
    expect(() => compilePrompt(big, { maxTemplateBytes: 200_000 })).not.toThrow();
    const chat = content({
      type: "chat",
      template: [{ role: "user", content: "\u20ac".repeat(200) }],
    });
    expect(thrown(() => compilePrompt(chat, { maxTemplateBytes: 500 })).details).toEqual({
      size: 600,
      limit: 500,
    });
  });

  it("reports template syntax errors and bad schemas when compiling", () => {
    expect(
      thrown(() => compilePrompt(content({ engine: "liquid", template: "{% if %}" }))).code,
    ).toBe("TEMPLATE_SYNTAX");
    expect(
      thrown(() =>
        compilePrompt(content({ template: "x", inputSchema: { type: "object", required: "a" } })),
      ).code,
    ).toBe("VALIDATION_FAILED");
  });

  it("uses partials given in the options", () => {
    const prompt = compilePrompt(content({ template: "{{> header}} body" }), {
      partials: { header: "[{{title}}]" },
    });
    expect(textOf(prompt.render({ title: "T" }))).toBe("[T] body");
    expect(prompt.variables.map((variable) => variable.name)).toEqual(["title"]);
  });
});

describe("compilePrompt: chat prompts", () => {
  it("renders a list of message templates in Dotprompt's shape", () => {
    const prompt = compilePrompt(
      content({
        type: "chat",
        engine: "jinja2",
        template: [
          { role: "system", content: "You are {{ persona }}." },
          { role: "user", content: "{% for q in questions %}{{ q.text }} {% endfor %}" },
        ],
      }),
    );
    expect(
      messagesOf(prompt.render({ persona: "kind", questions: [{ text: "a?" }, { text: "b?" }] })),
    ).toEqual([
      { role: "system", content: [{ text: "You are kind." }] },
      { role: "user", content: [{ text: "a? b? " }] },
    ]);
    expect(prompt.variables).toEqual([
      { name: "persona", kind: "value", properties: [] },
      {
        name: "questions",
        kind: "list",
        properties: [{ name: "text", kind: "value", properties: [] }],
      },
    ]);
  });

  it("splits one Handlebars template with role markers into messages, with history from `messages`", () => {
    const prompt = compilePrompt(
      content({
        type: "chat",
        template: '{{role "system"}}Be {{style}}.\n{{role "user"}}{{history}}Q: {{q}}',
      }),
    );
    const history = [{ role: "user", content: [{ text: "earlier" }] }];
    const result = prompt.render({ style: "brief", q: "why?", messages: history });
    expect(messagesOf(result)?.[0]).toEqual({ role: "system", content: [{ text: "Be brief.\n" }] });
    expect(messagesOf(result)?.[1]).toMatchObject({ role: "user", content: [{ text: "earlier" }] });
    expect(thrown(() => prompt.render({ messages: "nope" })).message).toContain(
      'Variable "messages"',
    );
    expect(
      messagesOf(prompt.render({ style: "x", q: "y", messages: [] }, { strict: true })),
    ).toHaveLength(2);
  });

  it("refuses a string chat template in an engine other than Handlebars, saying to use messages", () => {
    for (const engine of ["jinja2", "liquid", "mustache"] as const) {
      const error = thrown(() =>
        compilePrompt(content({ type: "chat", engine, template: "Hello" })),
      );
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.message).toMatch(/must be a list of \{role, content\} messages/);
    }
  });

  it("refuses malformed message lists and a list for a text prompt", () => {
    const bad = content({ type: "chat", template: [{ role: "", content: "x" }] });
    expect(thrown(() => compilePrompt(bad)).message).toMatch(/Message 1 of the chat template/);
    expect(
      thrown(() => compilePrompt(content({ template: [{ role: "user", content: "x" }] }))).message,
    ).toMatch(/text prompt's template must be a string/);
  });
});

describe("compilePrompt: compile once", () => {
  it("does no parsing or compiling when rendering", () => {
    const handlebars = compilePrompt(content({ template: "{{#each xs}}{{> p}}{{/each}}" }), {
      partials: { p: "<{{.}}>" },
    });
    const jinja = compilePrompt(
      content({ engine: "jinja2", template: "{% for x in xs %}{% include 'p' %}{% endfor %}" }),
      {
        partials: { p: "<{{ x }}>" },
      },
    );
    const liquid = compilePrompt(
      content({
        engine: "liquid",
        template: "{% for x in xs %}{% render 'p', x: x %}{% endfor %}",
      }),
      {
        partials: { p: "<{{ x }}>" },
      },
    );
    const setup = handlebarsSetup();
    const spies = [
      vi.spyOn(setup.environment, "parse"),
      vi.spyOn(setup.internals.JavaScriptCompiler.prototype, "compile"),
      vi.spyOn(nunjucksInternals.parser, "parse"),
      vi.spyOn(Liquid.prototype, "parse"),
      vi.spyOn(Parser.prototype, "parse"),
    ];
    for (const prompt of [handlebars, jinja, liquid])
      expect(prompt.render({ xs: [1, 2] })).toMatchObject({ text: "<1><2>" });
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe("Dotprompt helper names in Handlebars prompts", () => {
  const content = (type: "text" | "chat", template: string) => ({
    type,
    engine: "handlebars" as const,
    template,
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
  });

  it("refuses {{role}} without an argument, at its place, saying how to print a variable", () => {
    expect(() => compilePrompt(content("text", "You are {{role}}."))).toThrowError(
      expect.objectContaining({
        code: "TEMPLATE_SYNTAX",
        details: expect.objectContaining({ line: 1, column: 9 }),
        message: expect.stringContaining("{{this.role}}"),
      }),
    );
  });

  it("prints a variable named role written as {{this.role}}", () => {
    const compiled = compilePrompt(content("text", "You are {{this.role}}."));
    expect(compiled.render({ role: "a pirate" })).toMatchObject({ text: "You are a pirate." });
    expect(compiled.variables.map((variable) => variable.name)).toEqual(["role"]);
  });

  it("refuses role markers in a text prompt, pointing at the chat type", () => {
    expect(() => compilePrompt(content("text", '{{role "system"}}Be brief.'))).toThrowError(
      expect.objectContaining({
        code: "VALIDATION_FAILED",
        message: expect.stringContaining('"chat"'),
      }),
    );
  });
});
