import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { findEvalConfig, loadEvalConfig } from "./load-eval-config.js";

function project(files: Record<string, string>): string {
  const folder = mkdtempSync(path.join(tmpdir(), "quire-eval-config-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  return folder;
}

const load = (folder: string, file = "quire.eval.yaml") =>
  loadEvalConfig(path.join(folder, file), folder);

describe("loading quire.eval.yaml", () => {
  test("file:// tests (CSV, JSONL, YAML) and inline ones, with defaultTest's variables under theirs", () => {
    const folder = project({
      "quire.eval.yaml": [
        "prompts: 'Hi {{ name }}'",
        "providers: local/echo",
        "defaultTest: file://defaults.yaml",
        "tests:",
        "  - file://data/cases.csv",
        "  - file://data/more.jsonl",
        "  - file://data/extra.yaml",
        "  - { vars: { name: inline, bio: 'file://bio.txt' } }",
        "",
      ].join("\n"),
      "defaults.yaml":
        "vars: { greeting: hello, name: nobody }\nassert: [{ type: contains, value: Hi }]\n",
      "bio.txt": "A long biography.",
      "data/cases.csv": "__id,name\nann,Ann\nbob,Bob\n",
      "data/more.jsonl":
        '{"vars": {"name": "Cy"}, "assert": [{"type": "icontains", "value": "cy"}]}\n',
      "data/extra.yaml": "- id: dee\n  vars: { name: Dee }\n",
    });
    const loaded = load(folder);
    expect(loaded.prompts).toEqual(["Hi {{ name }}"]);
    expect(loaded.providers).toEqual(["local/echo"]);
    expect(loaded.defaultAssertions).toEqual([{ type: "contains", value: "Hi" }]);
    expect(loaded.cases.map((testCase) => [testCase.id, testCase.variables])).toEqual([
      ["data/cases.csv#ann", { greeting: "hello", name: "Ann" }],
      ["data/cases.csv#bob", { greeting: "hello", name: "Bob" }],
      ["data/more.jsonl#case-1", { greeting: "hello", name: "Cy" }],
      ["data/extra.yaml#dee", { greeting: "hello", name: "Dee" }],
      ["test-4", { greeting: "hello", name: "inline", bio: "A long biography." }],
    ]);
    expect(loaded.cases[2]?.assertions).toEqual([{ type: "icontains", value: "cy" }]);
  });

  test("one file as tests keeps the dataset's ids; promptfoo's defaultTest.options.provider is the judge", () => {
    const folder = project({
      "quire.eval.yaml":
        "prompts: [x]\nproviders: [local/echo]\ntests: file://cases.csv\ndefaultTest: { options: { provider: local/judge } }\n",
      "cases.csv": "__id,a\none,1\n",
    });
    const loaded = load(folder);
    expect(loaded.cases.map((testCase) => testCase.id)).toEqual(["one"]);
    expect(loaded.judge).toBe("local/judge");
  });

  test("duplicate ids, a missing file and a wrong type in a tests file are refused, placed", () => {
    const duplicate = project({
      "quire.eval.yaml":
        "prompts: [x]\nproviders: [m]\ntests: [{ id: a, vars: {} }, { id: a, vars: {} }]\n",
    });
    expect(() => load(duplicate)).toThrow(/Two tests have the id "a"/);
    const missing = project({
      "quire.eval.yaml": "prompts: [x]\nproviders: [m]\ntests: file://nope.csv\n",
    });
    expect(() => load(missing)).toThrow(
      /quire\.eval\.yaml:3:8: tests refers to nope\.csv, but there is no such file/,
    );
    const badYaml = project({
      "quire.eval.yaml": "prompts: [x]\nproviders: [m]\ntests: [file://t.yaml]\n",
      "t.yaml": "- vars: { a: 1 }\n- vars: [1, 2]\n",
    });
    expect(() => load(badYaml)).toThrow(/t\.yaml:2:9: \[1\]\.vars must be a map of variables/);
  });

  test("YAML syntax errors give the line and column; the default names are looked for in order", () => {
    const folder = project({ "quire.eval.yml": "prompts: [x\nproviders: y\n" });
    expect(findEvalConfig(undefined, folder)).toBe(path.join(folder, "quire.eval.yml"));
    expect(() => load(folder, "quire.eval.yml")).toThrow(/quire\.eval\.yml:\d+:\d+: syntax error/);
    const empty = project({});
    expect(() => findEvalConfig(undefined, empty)).toThrow(/No eval config here.*import-promptfoo/);
  });
});
