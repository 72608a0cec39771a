import { Dotprompt } from "dotprompt";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RenderedMessage } from "../prompts/prompt-content.js";
import { thrown as failure } from "../testing/test-helpers.js";
import { compilePromptFile, type PromptFileData, renderPromptFile } from "./render-prompt-file.js";

async function dotpromptMessages(source: string, data: PromptFileData): Promise<unknown> {
  try {
    const dotprompt = new Dotprompt();
    const defaults = dotprompt.parse(source).input?.default;
    const argument = data as Parameters<Dotprompt["render"]>[1];
    return (await dotprompt.render(source, argument, { input: { default: defaults ?? {} } }))
      .messages;
  } catch {
    return "threw";
  }
}

describe("renderPromptFile", () => {
  it("renders a chat file to Dotprompt's message shape", () => {
    const source = '---\nmodel: m\n---\n{{role "system"}}Be brief.{{role "user"}}Hi {{name}}';
    expect(renderPromptFile(source, { input: { name: "Ada" } })).toEqual({
      messages: [
        { role: "system", content: [{ text: "Be brief." }] },
        { role: "user", content: [{ text: "Hi Ada" }] },
      ],
    });
  });

  it("fills the file's input defaults under the caller's input, unless told not to", () => {
    const source =
      "---\ninput:\n  default:\n    name: World\n    mark: '!'\n---\nHello {{name}}{{mark}}";
    const text = (data: PromptFileData, applyInputDefaults?: boolean) =>
      renderPromptFile(source, data, { applyInputDefaults }).messages[0]?.content;
    expect(text({})).toEqual([{ text: "Hello World!" }]);
    expect(text({ input: { name: "Ana" } })).toEqual([{ text: "Hello Ana!" }]);
    expect(text({ input: { name: "Ana" } }, false)).toEqual([{ text: "Hello Ana" }]);
  });

  it("does not escape HTML", () => {
    const [message] = renderPromptFile("{{x}}", { input: { x: "<a href='x'>&</a>" } }).messages;
    expect(message?.content).toEqual([{ text: "<a href='x'>&</a>" }]);
  });

  it("compiles once and renders many times with different data", () => {
    const compiled = compilePromptFile("Hi {{name}}", { fileName: "hi.prompt" });
    expect(compiled.file.name).toBe("hi");
    expect(compiled.render({ input: { name: "A" } }).messages[0]?.content).toEqual([
      { text: "Hi A" },
    ]);
    expect(compiled.render({ input: { name: "B" } }).messages[0]?.content).toEqual([
      { text: "Hi B" },
    ]);
  });

  it("keeps partials per compiled file, not in a shared registry", () => {
    const withPartial = renderPromptFile("{{> p}}", {}, { partials: { p: "one" } });
    expect(withPartial.messages[0]?.content).toEqual([{ text: "one" }]);
    const error = failure(() => renderPromptFile("{{> p}}", {}, { fileName: "x.prompt" }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.details).toMatchObject({ partial: "p", file: "x.prompt" });
  });

  it("renders a message list in front matter as the same messages", () => {
    const source =
      "---\nmessages:\n  - role: system\n    content: Be {{tone}}.\n  - role: user\n    content: '{{q}}'\n---\n";
    expect(renderPromptFile(source, { input: { tone: "kind", q: "Why?" } }).messages).toEqual([
      { role: "system", content: [{ text: "Be kind." }] },
      { role: "user", content: [{ text: "Why?" }] },
    ]);
  });
});

describe("renderPromptFile errors", () => {
  it("refuses an unknown helper call at compile time, as Dotprompt does at render", async () => {
    const source = "---\nmodel: m\n---\nHello {{shout name}}";
    expect(await dotpromptMessages(source, {})).toBe("threw");
    const error = failure(() => compilePromptFile(source, { fileName: "u.prompt" }));
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details).toMatchObject({ engine: "handlebars", line: 4, column: 7 });
    expect(error.message).toContain('unknown helper "shout"');
  });

  it("treats an unknown name without arguments as a variable, as Dotprompt does", async () => {
    const source = "Hello {{shout}}!";
    const expected = await dotpromptMessages(source, {});
    expect(renderPromptFile(source).messages).toEqual(expected);
    expect(renderPromptFile(source).messages[0]?.content).toEqual([{ text: "Hello !" }]);
  });

  it("reports a partial that does not compile, by name", () => {
    const error = failure(() =>
      compilePromptFile("{{> broken}}", { partials: { broken: "{{#if x}}" } }),
    );
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details.partial).toBe("broken");
  });

  it("reports a helper used with wrong arguments as a render error", () => {
    const error = failure(() => renderPromptFile("{{media 'x'}}", {}, { fileName: "m.prompt" }));
    expect(error.code).toBe("TEMPLATE_RENDER");
    expect(error.message).toMatch(/^m\.prompt/);
  });

  it("refuses files in another engine", () => {
    const error = failure(() => compilePromptFile("---\nengine: jinja2\n---\n{{ x }}"));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details.engine).toBe("jinja2");
  });
});

describe("renderPromptFile parity with dotprompt on generated templates", () => {
  const piece = fc.oneof(
    fc.constantFrom("Hello", " ", "\n", "  \n", "text, more", "é ✓", "<&>"),
    fc.constantFrom('{{role "user"}}', '{{role "system"}}', '{{role "model"}}', "{{history}}"),
    fc.constantFrom("{{name}}", "{{{name}}}", "{{obj.a}}", "{{json obj}}", "{{json obj indent=2}}"),
    fc.constantFrom('{{media url=url contentType="image/png"}}', "{{media url=url}}"),
    fc.constantFrom('{{section "code"}}', "{{!-- note --}}", "{{~name~}}", "{{@index}}"),
    fc.constantFrom(
      "{{#if flag}}yes{{else}}no{{/if}}",
      "\n{{#if flag}}\nblock\n{{/if}}\n",
      "{{#each list}}[{{this}}{{#if @last}}.{{/if}}]{{/each}}",
      '{{#ifEquals name "Ada"}}A{{else}}B{{/ifEquals}}',
      "{{#unlessEquals obj.a 1}}not one{{/unlessEquals}}",
      "{{#with obj}}{{a}}{{/with}}",
    ),
  );
  const frontMatter = fc.constantFrom(
    "",
    "---\nmodel: m\n---\n",
    "---\ninput:\n  default:\n    name: Def\n---\n",
    "---\nconfig:\n  temperature: 1\n---\n\n\n",
  );
  const history: fc.Arbitrary<RenderedMessage[] | undefined> = fc.option(
    fc.array(
      fc.record({
        role: fc.constantFrom("user", "model"),
        content: fc.array(fc.record({ text: fc.string({ maxLength: 4 }) }), { maxLength: 2 }),
      }),
      { maxLength: 2 },
    ),
    { nil: undefined },
  );
  const input = fc.record(
    {
      name: fc.constantFrom("Ada", "", " x "),
      flag: fc.boolean(),
      obj: fc.constantFrom({ a: 1 }, { a: "<b>" }),
      list: fc.array(fc.constantFrom("a", "b", 3), { maxLength: 3 }),
      url: fc.constantFrom("https://e.x/a.png", "data:,x"),
    },
    { requiredKeys: [] },
  );

  it("gives the same messages (or fails where dotprompt fails)", async () => {
    await fc.assert(
      fc.asyncProperty(
        frontMatter,
        fc.array(piece, { maxLength: 10 }),
        input,
        history,
        async (header, pieces, variables, messages) => {
          const source = header + pieces.join("");
          const data: PromptFileData =
            messages === undefined ? { input: variables } : { input: variables, messages };
          const expected = await dotpromptMessages(source, data);
          if (expected === "threw") {
            expect(() => renderPromptFile(source, data)).toThrow();
          } else {
            expect(JSON.stringify(renderPromptFile(source, data).messages)).toBe(
              JSON.stringify(expected),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
