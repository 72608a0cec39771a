import { describe, expect, it } from "vitest";
import { isQuireError, type QuireError } from "../errors/index.js";
import type { MessageTemplate, PromptContent } from "../prompts/prompt-content.js";
import { chatContent, TestRegistry, textContent } from "./__fixtures__/test-registry.js";
import {
  type CompositionRoot,
  compileComposedPrompt,
  compileWithComponents,
  compileWithComponentsSync,
  composePrompt,
} from "./compose-prompt.js";
import { resolverFromProvenance } from "./provenance.js";

async function rejection(promise: Promise<unknown>): Promise<QuireError> {
  try {
    await promise;
  } catch (error) {
    if (isQuireError(error)) return error;
    throw error;
  }
  throw new Error("expected a QuireError");
}

async function render(
  registry: TestRegistry,
  root: CompositionRoot,
  variables: Record<string, unknown> = {},
) {
  const { compiled, provenance } = await compileWithComponents(root, registry.resolver);
  const output = compiled.render(variables);
  return { output: { ...output, text: "text" in output ? output.text : undefined }, provenance };
}

const root = (content: PromptContent, name = "app/root", version = 1) => ({
  name,
  version,
  content,
});

describe("composing a prompt from components", () => {
  it("includes components by latest, label and version, and records each in the provenance", async () => {
    const registry = new TestRegistry();
    registry.add("support/guidelines", textContent("Be brief, {{name}}."), ["production"]);
    registry.add("support/guidelines", textContent("Be thorough, {{name}}."));
    const { output, provenance } = await render(
      registry,
      root(
        textContent(
          "[{{> support/guidelines}}] [{{> support/guidelines@production}}] [{{> support/guidelines:2}}]",
        ),
        "support/triage",
        7,
      ),
      { name: "Ann" },
    );
    expect(output).toEqual({
      text: "[Be thorough, Ann.] [Be brief, Ann.] [Be thorough, Ann.]",
      variables: { name: "Ann" },
    });
    expect(provenance).toEqual({
      prompt: "support/triage",
      version: 7,
      components: [
        {
          name: "support/guidelines",
          version: 2,
          reference: "support/guidelines",
          requested: "latest",
        },
        {
          name: "support/guidelines",
          version: 1,
          reference: "support/guidelines@production",
          requested: "label",
          label: "production",
        },
        {
          name: "support/guidelines",
          version: 2,
          reference: "support/guidelines:2",
          requested: "version",
        },
      ],
    });
  });

  it("resolves nested components once per reference and lists them depth first", async () => {
    const registry = new TestRegistry();
    registry.add("leaf", textContent("leaf"));
    registry.add("left", textContent("L({{> leaf}})"));
    registry.add("right", textContent("R({{> leaf}})"));
    const { output, provenance } = await render(
      registry,
      root(textContent("{{> left}} {{> right}} {{> left}}")),
    );
    expect(output.text).toBe("L(leaf) R(leaf) L(leaf)");
    expect(provenance.components.map((component) => component.reference)).toEqual([
      "left",
      "leaf",
      "right",
    ]);
    expect(registry.calls.sort()).toEqual(["leaf", "left", "right"]);
  });

  it("leaves a template without references as it is, asking the resolver nothing", async () => {
    const registry = new TestRegistry();
    const content = textContent("Hello {{name}}");
    const composed = await composePrompt(root(content), registry.resolver);
    expect(composed.content).toBe(content);
    expect(composed.provenance).toEqual({ prompt: "app/root", version: 1, components: [] });
    expect(registry.calls).toEqual([]);
  });

  it("a template that is not stored yet has a null prompt in its provenance", async () => {
    const registry = new TestRegistry();
    registry.add("x", textContent("X"));
    const composed = await composePrompt({ content: textContent("{{> x}}") }, registry.resolver);
    expect(composed.provenance).toMatchObject({ prompt: null, version: null });
  });

  it("refuses unknown components with 422, naming each, its includer and line", async () => {
    const registry = new TestRegistry();
    registry.add("known", textContent("k"));
    const error = await rejection(
      composePrompt(
        root(textContent("line 1\n{{> known}} {{> missing/one}}\n{{> known@production}}")),
        registry.resolver,
      ),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({
      reason: "component-not-found",
      component: "missing/one",
      includedBy: "app/root",
      line: 2,
      column: 13,
    });
    expect(error.message).toContain('"missing/one" included by app/root:1 (line 2, column 13)');
    expect(error.message).toContain('"known@production" included by app/root:1 (line 3, column 1)');
    expect(error.details.problems).toHaveLength(2);
  });

  it("names an unknown component inside a component, with that component's line", async () => {
    const registry = new TestRegistry();
    registry.add("outer", textContent("first\nsecond {{> gone}}"));
    const error = await rejection(
      composePrompt(root(textContent("{{> outer}}")), registry.resolver),
    );
    expect(error.message).toBe(
      'Component "gone" included by outer:1 (line 2, column 8): Prompt "gone" not found. Create the component, point its label, or fix the reference.',
    );
  });

  it("passes on resolver failures other than NOT_FOUND unchanged", async () => {
    const failure = new Error("database down");
    const error = await composePrompt(root(textContent("{{> x}}")), async () => {
      throw failure;
    }).catch((caught: unknown) => caught);
    expect(error).toBe(failure);
  });

  it("refuses a cycle, naming it", async () => {
    const registry = new TestRegistry();
    registry.add("b", textContent("B {{> c@production}}"));
    registry.add("c", textContent("C\n  {{> a}}"), ["production"]);
    registry.add("a", textContent("A {{> b}}"));
    const error = await rejection(
      composePrompt(
        { name: "a", version: 1, content: registry.content("a", 1) },
        registry.resolver,
      ),
    );
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({ reason: "component-cycle", cycle: ["a", "b", "c", "a"] });
    expect(error.message).toContain("a → b → c → a");
    expect(error.message).toContain("c:1 (line 2, column 3)");
  });

  it("refuses a prompt that includes itself, whatever the selector", async () => {
    const registry = new TestRegistry();
    registry.add("self", textContent("old"));
    const error = await rejection(
      composePrompt(
        { name: "self", version: 2, content: textContent("{{> self:1}}") },
        registry.resolver,
      ),
    );
    expect(error.details.cycle).toEqual(["self", "self"]);
  });

  it("refuses components nested deeper than the limit, saying the limit", async () => {
    const registry = new TestRegistry();
    registry.add("level-3", textContent("bottom"));
    registry.add("level-2", textContent("{{> level-3}}"));
    registry.add("level-1", textContent("{{> level-2}}"));
    const content = textContent("{{> level-1}}");
    await expect(
      composePrompt(root(content), registry.resolver, { maxDepth: 3 }),
    ).resolves.toBeDefined();
    const error = await rejection(composePrompt(root(content), registry.resolver, { maxDepth: 2 }));
    expect(error.details).toMatchObject({ reason: "component-depth", limit: 2 });
    expect(error.message).toContain(
      "more than 2 levels deep: app/root → level-1 → level-2 → level-3",
    );
  });

  it("defaults to 8 levels of components", async () => {
    const registry = new TestRegistry();
    registry.add("c9", textContent("bottom"));
    for (let level = 8; level >= 1; level--)
      registry.add(`c${level}`, textContent(`{{> c${level + 1}}}`));
    const error = await rejection(composePrompt(root(textContent("{{> c1}}")), registry.resolver));
    expect(error.details).toMatchObject({ reason: "component-depth", limit: 8 });
    registry.add("c8", textContent("bottom"));
    await expect(
      composePrompt(root(textContent("{{> c1}}")), registry.resolver),
    ).resolves.toBeDefined();
  });

  it("refuses a component written in another engine", async () => {
    const registry = new TestRegistry();
    registry.add("jinja", textContent("{{ x }}", "jinja2"));
    const error = await rejection(
      composePrompt(root(textContent("{{> jinja}}")), registry.resolver),
    );
    expect(error.details).toMatchObject({ reason: "component-engine", engine: "jinja2" });
  });

  it("reports a syntax error in the root at its own line, before looking components up", async () => {
    const registry = new TestRegistry();
    const error = await rejection(
      composePrompt(
        root(textContent("{{> long/component/name}}\n{{#if x}}open")),
        registry.resolver,
      ),
    );
    expect(error.code).toBe("TEMPLATE_SYNTAX");
    expect(error.details.line).toBe(2);
    expect(registry.calls).toEqual([]);
  });

  it("refuses a template over the size limit once its components are in", async () => {
    const registry = new TestRegistry();
    registry.add("big", textContent("x".repeat(600)));
    const error = await rejection(
      composePrompt(root(textContent("{{> big}}{{> big}}")), registry.resolver, {
        maxTemplateBytes: 1000,
      }),
    );
    expect(error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toContain("1200 bytes once its components are included");
  });
});

describe("what a component contributes where it is included", () => {
  it("inline: its text exactly, with no standalone-line handling (indentation and line breaks stay)", async () => {
    const registry = new TestRegistry();
    registry.add("two-lines", textContent("one\ntwo"));
    const { output } = await render(registry, root(textContent("a\n  {{> two-lines}}\nb")));
    expect(output.text).toBe("a\n  one\ntwo\nb");
  });

  it("Handlebars call with arguments: a partial with that context, its line kept as written", async () => {
    const registry = new TestRegistry();
    registry.add("footer", textContent("-- {{signature}}"));
    const { output } = await render(
      registry,
      root(textContent('Thanks\n{{> footer signature="The team"}}\nBye')),
    );
    expect(output.text).toBe("Thanks\n-- The team\nBye");
  });

  it("Handlebars whitespace control on a reference strips as it would on the tag", async () => {
    const registry = new TestRegistry();
    registry.add("word", textContent("WORD"));
    const { output } = await render(registry, root(textContent("a \n {{~> word ~}} \n b")));
    expect(output.text).toBe("aWORDb");
  });

  it("a chat component of one message inside a message contributes its text", async () => {
    const registry = new TestRegistry();
    registry.add("rules", chatContent([{ role: "system", content: "Rule: {{rule}}" }]));
    const { output } = await render(
      registry,
      root(chatContent([{ role: "system", content: "You help. {{> rules}}" }])),
      { rule: "be kind" },
    );
    expect(output).toMatchObject({
      messages: [{ role: "system", content: [{ text: "You help. Rule: be kind" }] }],
    });
  });

  it("a message that is only a reference to a chat component is replaced by its messages", async () => {
    const registry = new TestRegistry();
    const shots: MessageTemplate[] = [
      { role: "user", content: "2+2?" },
      { role: "assistant", content: "4" },
    ];
    registry.add("examples/math", chatContent(shots));
    const { output } = await render(
      registry,
      root(
        chatContent([
          { role: "system", content: "Answer with a number." },
          { role: "user", content: "  {{> examples/math}}\n" },
          { role: "user", content: "{{question}}" },
        ]),
      ),
      { question: "3+3?" },
    );
    expect(output).toMatchObject({
      messages: [
        { role: "system", content: [{ text: "Answer with a number." }] },
        { role: "user", content: [{ text: "2+2?" }] },
        { role: "assistant", content: [{ text: "4" }] },
        { role: "user", content: [{ text: "3+3?" }] },
      ],
    });
  });

  it("refuses a chat component of several messages inside text, saying where it can go", async () => {
    const registry = new TestRegistry();
    registry.add(
      "examples/math",
      chatContent([
        { role: "user", content: "q" },
        { role: "assistant", content: "a" },
      ]),
    );
    for (const content of [
      textContent("Examples: {{> examples/math}}"),
      chatContent([{ role: "user", content: "Examples: {{> examples/math}}" }]),
    ]) {
      const error = await rejection(composePrompt(root(content), registry.resolver));
      expect(error.details.reason).toBe("component-placement");
      expect(error.message).toContain("chat prompt of 2 messages");
      expect(error.message).toContain("as a whole message");
    }
  });

  it("in a Handlebars chat template with role markers, a chat component's messages become messages", async () => {
    const registry = new TestRegistry();
    registry.add(
      "examples/greet",
      chatContent([
        { role: "user", content: "Hi" },
        { role: "model", content: "Hello!" },
      ]),
    );
    registry.add("persona", chatContent('{{role "system"}}You are {{name}}.'));
    const { output } = await render(
      registry,
      root(chatContent('{{> persona}}\n{{> examples/greet}}{{role "user"}}{{question}}')),
      { name: "Quill", question: "Hey" },
    );
    expect(output).toMatchObject({
      messages: [
        { role: "system", content: [{ text: "You are Quill.\n" }] },
        { role: "user", content: [{ text: "Hi" }] },
        { role: "model", content: [{ text: "Hello!" }] },
        { role: "user", content: [{ text: "Hey" }] },
      ],
    });
  });

  it("refuses a chat component with role markers in a text prompt or a message", async () => {
    const registry = new TestRegistry();
    registry.add("persona", chatContent('{{role "system"}}You are {{name}}.'));
    const error = await rejection(
      composePrompt(root(textContent("{{> persona}}")), registry.resolver),
    );
    expect(error.details.reason).toBe("component-placement");
    expect(error.message).toContain("{{role}} markers");
  });

  it("Mustache: refuses a component that changes delimiters", async () => {
    const registry = new TestRegistry();
    registry.add("odd", textContent("{{=<% %>=}}<% x %>", "mustache"));
    const error = await rejection(
      composePrompt(root(textContent("{{> odd}} {{y}}", "mustache")), registry.resolver),
    );
    expect(error.details.reason).toBe("component-delimiters");
  });

  it("a syntax error that only appears once composed says so", async () => {
    const composed = {
      content: textContent("{{#if x}}"),
      partials: {},
      provenance: {
        prompt: "p",
        version: 1,
        components: [{ name: "c", version: 2, reference: "c", requested: "latest" as const }],
      },
    };
    let error: unknown;
    try {
      compileComposedPrompt(composed);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error) && error.message).toContain("as composed with its components c:2");
  });
});

describe("composing with a resolver that answers at once", () => {
  it("gives the same text and provenance as the async resolver, and the same errors", async () => {
    const registry = new TestRegistry();
    registry.add("leaf", textContent("leaf {{x}}"), ["production"]);
    registry.add("mid", textContent("mid({{> leaf@production}})"));
    const content = textContent("{{> mid}} / {{> leaf:1}}");
    const sync = (reference: Parameters<TestRegistry["resolver"]>[0]) => {
      const version = reference.requested === "version" ? reference.version : 1;
      return { name: reference.name, version, content: registry.content(reference.name, version) };
    };
    const expected = await compileWithComponents(root(content), registry.resolver);
    const actual = compileWithComponentsSync(root(content), sync);
    expect(actual.provenance).toEqual(expected.provenance);
    expect(actual.compiled.render({ x: 1 })).toEqual(expected.compiled.render({ x: 1 }));
    registry.add("loop", textContent("{{> loop2}}"));
    registry.add("loop2", textContent("{{> loop}}"));
    let error: unknown;
    try {
      compileWithComponentsSync(root(textContent("{{> loop}}")), sync);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error) && error.details.cycle).toEqual(["loop", "loop2", "loop"]);
  });
});

describe("reproducing a render from its provenance", () => {
  it("renders the recorded versions after the labels moved", async () => {
    const registry = new TestRegistry();
    registry.add("tone", textContent("calm"), ["production"]);
    registry.add("tone", textContent("loud"));
    const content = textContent("Tone: {{> tone@production}}");
    const first = await render(registry, root(content));
    registry.label("tone", "production", 2);
    const moved = await render(registry, root(content));
    expect([first.output.text, moved.output.text]).toEqual(["Tone: calm", "Tone: loud"]);
    const again = await compileWithComponents(
      root(content),
      resolverFromProvenance(first.provenance, async (name, version) =>
        registry.content(name, version),
      ),
    );
    expect(again.compiled.render({})).toMatchObject({ text: "Tone: calm" });
    expect(again.provenance).toEqual(first.provenance);
  });

  it("refuses a reference the provenance does not hold", async () => {
    const resolver = resolverFromProvenance({ prompt: "p", version: 1, components: [] }, async () =>
      textContent(""),
    );
    const error = await rejection(composePrompt(root(textContent("{{> other}}")), resolver));
    expect(error.details.reason).toBe("component-not-found");
  });
});
