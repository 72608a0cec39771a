import { describe, expect, it } from "vitest";
import { ruleLeads } from "./rule-leads.js";

describe("ruleLeads", () => {
  it("reads the alternatives a pattern starts with, and what follows a separator", () => {
    expect(ruleLeads("(?:ignore|forget)_(?:all|any)_rules")).toEqual([
      { lead: "ignore", next: ["all", "any"] },
      { lead: "forget", next: ["all", "any"] },
    ]);
  });

  it("reads nested groups and top-level alternatives, each with its own next words", () => {
    expect(ruleLeads("(?:(?:as|be)_dan|do anything now)")).toEqual([
      { lead: "as", next: ["dan"] },
      { lead: "be", next: ["dan"] },
      { lead: "do anything now" },
    ]);
  });

  it("stops a lead where a quantifier makes its last character optional", () => {
    expect(ruleLeads("instructions?_now")).toEqual([{ lead: "instruction" }]);
  });

  it("gives up on patterns that can start otherwise", () => {
    expect(ruleLeads("(?:now_)?you")).toBeUndefined();
    expect(ruleLeads("[a-z]{2}_x")).toBeUndefined();
    expect(ruleLeads("(?:a|(?:b)?c)")).toBeUndefined();
  });

  it("does not offer an optional second element as what follows", () => {
    expect(ruleLeads("stop_(?:now_)?go")).toEqual([{ lead: "stop" }]);
  });
});
