import { describe, expect, it } from "vitest";
import { ruleLeads } from "./rule-leads.js";

describe("ruleLeads", () => {
  it("reads the alternatives a pattern starts with, and what follows a separator", () => {
    expect(ruleLeads("(?:ignore|forget)_(?:all|any)_rules")).toEqual([
      { lead: "ignore", wholeWord: true, next: ["all", "any"] },
      { lead: "forget", wholeWord: true, next: ["all", "any"] },
    ]);
  });

  it("reads nested groups and top-level alternatives, each with its own next words", () => {
    expect(ruleLeads("(?:(?:as|be)_dan|do anything now)")).toEqual([
      { lead: "as", wholeWord: true, next: ["dan"] },
      { lead: "be", wholeWord: true, next: ["dan"] },
      { lead: "do anything now", wholeWord: true },
    ]);
  });

  it("marks leads that only start a word", () => {
    expect(ruleLeads("instructions?_now")).toEqual([{ lead: "instruction", wholeWord: false }]);
    expect(ruleLeads("summari[sz]e")).toEqual([{ lead: "summari", wholeWord: false }]);
    expect(ruleLeads("(?:jail)break")).toEqual([{ lead: "jail", wholeWord: false }]);
    expect(ruleLeads("pretend (?:to|you)")).toEqual([{ lead: "pretend ", wholeWord: true }]);
    expect(ruleLeads("don't_go")).toEqual([{ lead: "don't", wholeWord: true, next: ["go"] }]);
  });

  it("gives up on patterns that can start otherwise", () => {
    expect(ruleLeads("(?:now_)?you")).toBeUndefined();
    expect(ruleLeads("[a-z]{2}_x")).toBeUndefined();
    expect(ruleLeads("(?:a|(?:b)?c)")).toBeUndefined();
  });

  it("does not offer an optional second element as what follows", () => {
    expect(ruleLeads("stop_(?:now_)?go")).toEqual([{ lead: "stop", wholeWord: true }]);
  });
});
