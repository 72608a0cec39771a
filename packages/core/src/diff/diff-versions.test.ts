import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Version } from "../contracts/prompt.js";
import { diffVersions } from "./diff-versions.js";
import type { FieldChange } from "./field-diff.js";
import { templateText } from "./template-text.js";

function version(overrides: Partial<Version>): Version {
  return {
    prompt: "support/triage",
    number: 1,
    parentNumber: null,
    type: "text",
    engine: "handlebars",
    template: "Hello {{name}}",
    inputSchema: null,
    outputSchema: null,
    config: {},
    metadata: {},
    contentHash: "hash",
    message: "",
    author: "admin",
    createdAt: "2026-11-21T10:00:00.000Z",
    labels: [],
    ...overrides,
  };
}

describe("diffVersions", () => {
  it("reports changed template lines with line numbers, counts and a unified diff", () => {
    const from = version({ template: "Line one\nLine two\nLine three" });
    const to = version({ number: 2, template: "Line one\nLine 2\nLine three\nLine four" });
    const diff = diffVersions(from, to);
    expect(diff).toMatchObject({ prompt: "support/triage", from: 1, to: 2 });
    expect(diff.template.added).toBe(2);
    expect(diff.template.removed).toBe(1);
    expect(diff.template.lines).toEqual([
      { kind: "unchanged", text: "Line one", fromLine: 1, toLine: 1 },
      { kind: "removed", text: "Line two", fromLine: 2, toLine: null },
      { kind: "added", text: "Line 2", fromLine: null, toLine: 2 },
      { kind: "unchanged", text: "Line three", fromLine: 3, toLine: 3 },
      { kind: "added", text: "Line four", fromLine: null, toLine: 4 },
    ]);
    expect(diff.template.unified).toContain("--- support/triage@1");
    expect(diff.template.unified).toContain("+++ support/triage@2");
    expect(diff.template.unified).toContain("-Line two");
    expect(diff.template.unified).toContain("+Line 2");
  });

  it("reports structured changes with slash paths, leaf-most", () => {
    const from = version({
      config: { model: "gpt-4o", temperature: 0.2 },
      inputSchema: { type: "object", required: ["ticket"] },
      metadata: { owner: "support", "a/b": 1 },
    });
    const to = version({
      number: 2,
      engine: "jinja2",
      config: { model: "gpt-4o", temperature: 0.7, maxTokens: 200 },
      inputSchema: { type: "object", required: ["ticket", "customer"] },
      outputSchema: { type: "object" },
      metadata: { owner: "support" },
    });
    expect(diffVersions(from, to).fields).toEqual([
      { path: "engine", kind: "changed", before: "handlebars", after: "jinja2" },
      { path: "inputSchema/required/1", kind: "added", after: "customer" },
      { path: "outputSchema", kind: "added", after: { type: "object" } },
      { path: "config/maxTokens", kind: "added", after: 200 },
      { path: "config/temperature", kind: "changed", before: 0.2, after: 0.7 },
      { path: "metadata/a~1b", kind: "removed", before: 1 },
    ]);
  });

  it("diffs message-list templates as readable text, role by role", () => {
    const from = version({
      type: "chat",
      template: [
        { role: "system", content: "You triage tickets." },
        { role: "user", content: "{{ticket}}" },
      ],
    });
    const to = version({
      number: 2,
      type: "chat",
      template: [
        { role: "system", content: "You triage support tickets." },
        { role: "user", content: "{{ticket}}" },
      ],
    });
    const diff = diffVersions(from, to);
    expect(templateText(from.template)).toBe("[system]\nYou triage tickets.\n\n[user]\n{{ticket}}");
    expect(diff.template.lines.filter((line) => line.kind !== "unchanged")).toEqual([
      { kind: "removed", text: "You triage tickets.", fromLine: 2, toLine: null },
      { kind: "added", text: "You triage support tickets.", fromLine: null, toLine: 2 },
    ]);
  });

  it("compares a text template with a message list", () => {
    const from = version({ template: "Hi" });
    const to = version({ number: 2, type: "chat", template: [{ role: "user", content: "Hi" }] });
    const diff = diffVersions(from, to);
    expect(diff.fields).toEqual([{ path: "type", kind: "changed", before: "text", after: "chat" }]);
    expect(diff.template.added).toBe(1);
    expect(diff.template.removed).toBe(0);
  });
});

// Property tests ------------------------------------------------------------------------------

const lineArbitrary = fc.oneof(
  fc.constantFrom("Hello {{name}}", "", "  indented", "{{#each items}}", "{{/each}}", "\r"),
  fc.string({ maxLength: 12 }),
);
const textArbitrary = fc.array(lineArbitrary, { maxLength: 12 }).map((lines) => lines.join("\n"));
const templateArbitrary = fc.oneof(
  textArbitrary,
  fc.array(
    fc.record({ role: fc.constantFrom("system", "user", "assistant"), content: textArbitrary }),
    { minLength: 1, maxLength: 4 },
  ),
);
const keyArbitrary = fc.oneof(fc.constantFrom("temperature", "a/b", "x~y", "model"), fc.string());
const objectArbitrary = fc.dictionary(keyArbitrary, fc.jsonValue({ maxDepth: 3 }), {
  maxKeys: 5,
});
const versionArbitrary = fc
  .record({
    number: fc.integer({ min: 1, max: 99 }),
    type: fc.constantFrom("text", "chat") as fc.Arbitrary<Version["type"]>,
    engine: fc.constantFrom("handlebars", "jinja2", "liquid", "mustache") as fc.Arbitrary<
      Version["engine"]
    >,
    template: templateArbitrary,
    inputSchema: fc.option(objectArbitrary, { nil: null }),
    outputSchema: fc.option(objectArbitrary, { nil: null }),
    config: objectArbitrary,
    metadata: objectArbitrary,
  })
  .map((fields) => version(fields));

function decodeSegment(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** Applies field changes to a plain copy of `base` (test helper; own properties only). */
function applyFieldChanges(base: Record<string, unknown>, changes: FieldChange[]) {
  const result = structuredClone(base);
  for (const change of changes) {
    const segments = change.path.split("/").map(decodeSegment);
    const last = segments.pop()!;
    let parent: Record<string, unknown> = result;
    for (const segment of segments) {
      if (parent[segment] === undefined || parent[segment] === null) {
        Object.defineProperty(parent, segment, {
          value: {},
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      parent = parent[segment] as Record<string, unknown>;
    }
    if (change.kind === "removed") {
      if (Array.isArray(parent)) parent.length = Math.min(parent.length, Number(last));
      else delete parent[last];
    } else {
      Object.defineProperty(parent, last, {
        value: structuredClone(change.after),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  return result;
}

function comparedFields(subject: Version): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    type: subject.type,
    engine: subject.engine,
    config: subject.config,
    metadata: subject.metadata,
  };
  if (subject.inputSchema !== null) fields.inputSchema = subject.inputSchema;
  if (subject.outputSchema !== null) fields.outputSchema = subject.outputSchema;
  return fields;
}

describe("diffVersions properties", () => {
  it("finds nothing between a version and itself", () => {
    fc.assert(
      fc.property(versionArbitrary, (subject) => {
        const diff = diffVersions(subject, subject);
        expect(diff.template.added).toBe(0);
        expect(diff.template.removed).toBe(0);
        expect(diff.template.unified).toBe("");
        expect(diff.fields).toEqual([]);
        expect(diff.template.lines.every((line) => line.kind === "unchanged")).toBe(true);
      }),
    );
  });

  it("reproduces both templates from its line changes", () => {
    fc.assert(
      fc.property(versionArbitrary, versionArbitrary, (from, to) => {
        const { lines, added, removed } = diffVersions(from, to).template;
        const toLines = lines.filter((line) => line.kind !== "removed");
        const fromLines = lines.filter((line) => line.kind !== "added");
        expect(toLines.map((line) => line.text).join("\n")).toBe(templateText(to.template));
        expect(fromLines.map((line) => line.text).join("\n")).toBe(templateText(from.template));
        expect(toLines.map((line) => line.toLine)).toEqual(toLines.map((_, index) => index + 1));
        expect(fromLines.map((line) => line.fromLine)).toEqual(
          fromLines.map((_, index) => index + 1),
        );
        expect(added).toBe(lines.filter((line) => line.kind === "added").length);
        expect(removed).toBe(lines.filter((line) => line.kind === "removed").length);
      }),
    );
  });

  it("turns the fields of `from` into the fields of `to` when its field changes are applied", () => {
    fc.assert(
      fc.property(versionArbitrary, versionArbitrary, (from, to) => {
        const diff = diffVersions(from, to);
        const applied = applyFieldChanges(comparedFields(from), diff.fields);
        expect(applied).toEqual(comparedFields(to));
      }),
    );
  });
});

describe("diffVersions on keys named like Object's own properties", () => {
  it("reads an own __proto__ or constructor key as data, and its absence as absent", () => {
    const from = version({ inputSchema: JSON.parse('{"__proto__": false, "constructor": 1}') });
    const to = version({ inputSchema: {} });
    expect(diffVersions(from, to).fields).toEqual([
      { path: "inputSchema/__proto__", kind: "removed", before: false },
      { path: "inputSchema/constructor", kind: "removed", before: 1 },
    ]);
  });
});
