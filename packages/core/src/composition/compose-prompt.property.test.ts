import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isQuireError } from "../errors/index.js";
import type { EngineName } from "../prompts/prompt-content.js";
import { getTemplateEngine } from "../templates/get-template-engine.js";
import { TestRegistry, textContent } from "./__fixtures__/test-registry.js";
import { compileWithComponents, composePrompt } from "./compose-prompt.js";

/** How each engine writes a variable and a conditional block. */
const syntax: Record<
  EngineName,
  { value(name: string): string; when(name: string, body: string): string }
> = {
  handlebars: {
    value: (name) => `{{${name}}}`,
    when: (name, body) => `{{#if ${name}}}${body}{{/if}}`,
  },
  mustache: {
    value: (name) => `{{${name}}}`,
    when: (name, body) => `{{#${name}}}${body}{{/${name}}}`,
  },
  jinja2: {
    value: (name) => `{{ ${name} }}`,
    when: (name, body) => `{% if ${name} %}${body}{% endif %}`,
  },
  liquid: {
    value: (name) => `{{ ${name} }}`,
    when: (name, body) => `{% if ${name} %}${body}{% endif %}`,
  },
};

const engines = Object.keys(syntax) as EngineName[];
const names = ["c0", "c1", "c2", "c3"];

/** A piece of template: text with line breaks and indentation, a variable, a block, a reference. */
type Piece =
  | { kind: "text"; text: string }
  | { kind: "value"; name: string }
  | { kind: "when"; name: string; body: Piece[] }
  | { kind: "reference"; index: number; lead: string };

const plainText = fc
  .array(fc.constantFrom("a", "b", " ", "  ", "\n", "\t", ".", "x y"), { maxLength: 6 })
  .map((parts) => parts.join(""));

const pieces: fc.Arbitrary<Piece[]> = fc.letrec<{ list: Piece[]; piece: Piece }>((tie) => ({
  piece: fc.oneof(
    { weight: 3, arbitrary: plainText.map((text) => ({ kind: "text" as const, text })) },
    {
      weight: 2,
      arbitrary: fc.constantFrom("v1", "v2").map((name) => ({ kind: "value" as const, name })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("when" as const),
        name: fc.constantFrom("flag", "other"),
        body: tie("list"),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant("reference" as const),
        index: fc.nat(names.length - 1),
        lead: fc.constantFrom("", "\n", "\n  ", " "),
      }),
    },
  ),
  list: fc.array(tie("piece"), { maxLength: 5 }),
})).list as fc.Arbitrary<Piece[]>;

/** Writes pieces; a reference is `{{> name}}` (`reference`) or the given text (`inline`). */
function write(
  engine: EngineName,
  list: Piece[],
  reference: (name: string) => string,
  minimumIndex: number,
): string {
  return list
    .map((piece) => {
      switch (piece.kind) {
        case "text":
          return piece.text;
        case "value":
          return syntax[engine].value(piece.name);
        case "when":
          return syntax[engine].when(
            piece.name,
            write(engine, piece.body, reference, minimumIndex),
          );
        case "reference": {
          // Components only include later ones, so the set has no cycle.
          if (minimumIndex >= names.length) return piece.lead;
          const name = names[minimumIndex + (piece.index % (names.length - minimumIndex))];
          return name === undefined ? piece.lead : `${piece.lead}${reference(name)}`;
        }
        default:
          return "";
      }
    })
    .join("");
}

describe("composition properties", () => {
  it.each(engines)(
    "%s: rendering with components equals rendering the template with their text pasted in",
    async (engine) => {
      await fc.assert(
        fc.asyncProperty(
          pieces,
          fc.array(pieces, { minLength: names.length, maxLength: names.length }),
          fc.record({
            v1: fc.string({ maxLength: 4 }),
            v2: fc.constantFrom("", "z"),
            flag: fc.boolean(),
            other: fc.boolean(),
          }),
          async (rootPieces, componentPieces, variables) => {
            const registry = new TestRegistry();
            const inlined = new Map<string, string>();
            // The last component first, so each one's pasted-in text is known when an earlier one uses it.
            for (let index = names.length - 1; index >= 0; index--) {
              const name = names[index] ?? "";
              const own = componentPieces[index] ?? [];
              registry.add(
                name,
                textContent(
                  write(engine, own, (used) => `{{> ${used}}}`, index + 1),
                  engine,
                ),
              );
              inlined.set(
                name,
                write(engine, own, (used) => inlined.get(used) ?? "", index + 1),
              );
            }
            const template = write(engine, rootPieces, (used) => `{{> ${used}}}`, 0);
            const expected = getTemplateEngine(engine).compile(
              write(engine, rootPieces, (used) => inlined.get(used) ?? "", 0),
            )(variables);
            const { compiled } = await compileWithComponents(
              { name: "root", version: 1, content: textContent(template, engine) },
              registry.resolver,
            );
            const output = compiled.render(variables);
            expect("text" in output && output.text).toBe(expected);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it("Handlebars: a call with arguments renders as the component's text would in that context", async () => {
    await fc.assert(
      fc.asyncProperty(
        plainText,
        plainText,
        fc.string({ maxLength: 5 }),
        async (before, after, given) => {
          const registry = new TestRegistry();
          registry.add("footer", textContent(`${before}{{signature}}${after}`));
          const { compiled } = await compileWithComponents(
            { content: textContent(`[\n{{> footer signature=value}}\n]`) },
            registry.resolver,
          );
          const output = compiled.render({ value: given });
          expect("text" in output && output.text).toBe(`[\n${before}${given}${after}\n]`);
        },
      ),
      { numRuns: 60 },
    );
  });

  /** Prompts p0…p(n-1); each includes the ones its edges name. */
  const graphs = fc.integer({ min: 1, max: 6 }).chain((size) =>
    fc.array(fc.uniqueArray(fc.nat(size - 1), { maxLength: 3 }), {
      minLength: size,
      maxLength: size,
    }),
  );

  it("detects every cycle reachable from the prompt, and names a real one", async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async (edges) => {
        const registry = new TestRegistry();
        for (const [index, targets] of edges.entries()) {
          registry.add(
            `p${index}`,
            textContent(targets.map((target) => `{{> p${target}}}`).join(" ")),
          );
        }
        const cyclic = hasCycleFrom(0, edges);
        const attempt = composePrompt(
          { name: "p0", version: 1, content: registry.content("p0", 1) },
          registry.resolver,
          { maxDepth: 50 },
        );
        if (!cyclic) {
          await expect(attempt).resolves.toBeDefined();
          return;
        }
        const error = await attempt.catch((caught: unknown) => caught);
        expect(isQuireError(error) && error.details.reason).toBe("component-cycle");
        const cycle = isQuireError(error) ? (error.details.cycle as string[]) : [];
        expect(cycle.length).toBeGreaterThanOrEqual(2);
        expect(cycle[0]).toBe(cycle.at(-1));
        for (let step = 0; step + 1 < cycle.length; step++) {
          const from = Number(cycle[step]?.slice(1));
          const to = Number(cycle[step + 1]?.slice(1));
          expect(edges[from]).toContain(to);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("accepts a chain of components exactly up to the depth limit", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        async (length, limit) => {
          const registry = new TestRegistry();
          registry.add(`c${length}`, textContent("bottom"));
          for (let level = length - 1; level >= 1; level--) {
            registry.add(`c${level}`, textContent(`{{> c${level + 1}}}`));
          }
          const attempt = composePrompt({ content: textContent("{{> c1}}") }, registry.resolver, {
            maxDepth: limit,
          });
          if (length <= limit) {
            await expect(attempt).resolves.toBeDefined();
            return;
          }
          const error = await attempt.catch((caught: unknown) => caught);
          expect(isQuireError(error) && error.details).toMatchObject({
            reason: "component-depth",
            limit,
          });
          expect(isQuireError(error) && error.message).toContain(`more than ${limit} levels`);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("lists exactly the versions a render used, each with how it was asked for", async () => {
    const selector = fc.oneof(
      fc.constant(""),
      fc.constant("@production"),
      fc.integer({ min: 1, max: 3 }).map((version) => `:${version}`),
    );
    const component = fc.record({ index: fc.nat(2), selector });
    await fc.assert(
      fc.asyncProperty(
        fc.array(component, { maxLength: 4 }),
        fc.array(fc.array(component, { maxLength: 2 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
        async (rootReferences, componentReferences, production) => {
          const registry = new TestRegistry();
          // k0, k1, k2 with three versions each; k(i) only includes k(j>i), so no cycle.
          for (let index = 2; index >= 0; index--) {
            for (let version = 1; version <= 3; version++) {
              const references = (componentReferences[index] ?? [])
                .filter((reference) => reference.index > index)
                .map((reference) => `{{> k${reference.index}${reference.selector}}}`);
              registry.add(
                `k${index}`,
                textContent(`<k${index}:${version}>${references.join("")}`),
              );
            }
            registry.label(`k${index}`, "production", production[index] ?? 1);
          }
          const template = rootReferences
            .map((reference) => `{{> k${reference.index}${reference.selector}}}`)
            .join("|");
          const { compiled, provenance } = await compileWithComponents(
            { content: textContent(template) },
            registry.resolver,
          );
          const rendered = compiled.render({});
          const text = "text" in rendered ? rendered.text : "";
          const used = new Set([...text.matchAll(/<(k\d:\d)>/g)].map((match) => match[1]));
          const listed = new Set(
            provenance.components.map((entry) => `${entry.name}:${entry.version}`),
          );
          expect(listed).toEqual(used);
          const references = provenance.components.map((entry) => entry.reference);
          expect(new Set(references).size).toBe(references.length);
          for (const entry of provenance.components) {
            const expectedVersion =
              entry.requested === "version"
                ? Number(entry.reference.split(":")[1])
                : entry.requested === "label"
                  ? production[Number(entry.name.slice(1))]
                  : 3;
            expect(entry.version).toBe(expectedVersion);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

function hasCycleFrom(start: number, edges: number[][]): boolean {
  const onPath = new Set<number>();
  const done = new Set<number>();
  const visit = (node: number): boolean => {
    if (onPath.has(node)) return true;
    if (done.has(node)) return false;
    onPath.add(node);
    for (const next of edges[node] ?? []) if (visit(next)) return true;
    onPath.delete(node);
    done.add(node);
    return false;
  };
  return visit(start);
}
