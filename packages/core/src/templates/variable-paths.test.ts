import { describe, expect, it } from "vitest";
import { LIST_ITEM, mergeTemplateVariables, VariableCollector } from "./variable-paths.js";

describe("VariableCollector", () => {
  it("merges paths into variables: fields make objects, items make lists, first seen first", () => {
    const collector = new VariableCollector();
    collector.add(["b"]);
    collector.add(["a", "x"]);
    collector.add(["b", LIST_ITEM, "id"]);
    collector.add(["a", "y", "z"]);
    collector.add(["b", LIST_ITEM, "tags", LIST_ITEM]);
    expect(collector.variables()).toEqual([
      {
        name: "b",
        kind: "list",
        properties: [
          { name: "id", kind: "value", properties: [] },
          { name: "tags", kind: "list", properties: [] },
        ],
      },
      {
        name: "a",
        kind: "object",
        properties: [
          { name: "x", kind: "value", properties: [] },
          { name: "y", kind: "object", properties: [{ name: "z", kind: "value", properties: [] }] },
        ],
      },
    ]);
  });

  it("merges the variables of several templates", () => {
    const merged = mergeTemplateVariables([
      [{ name: "a", kind: "value", properties: [] }],
      [
        { name: "a", kind: "list", properties: [{ name: "n", kind: "value", properties: [] }] },
        { name: "c", kind: "value", properties: [] },
      ],
    ]);
    expect(merged).toEqual([
      { name: "a", kind: "list", properties: [{ name: "n", kind: "value", properties: [] }] },
      { name: "c", kind: "value", properties: [] },
    ]);
  });
});
