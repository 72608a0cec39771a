import { describe, expect, it } from "vitest";
import { lexicalTokens } from "./lexical-tokens.js";

describe("lexicalTokens", () => {
  it("lower-cases words and numbers and drops punctuation", () => {
    expect(lexicalTokens("Refund: order #A-1234, won't ship!")).toEqual([
      "refund",
      "order",
      "a",
      "1234",
      "won",
      "t",
      "ship",
    ]);
  });

  it("normalizes width and accents' composed forms, and keeps letters of any script", () => {
    expect(lexicalTokens("Ｆｕｌｌ café Café")).toEqual(["full", "café", "café"]);
    expect(lexicalTokens("Привет мир")).toEqual(["привет", "мир"]);
  });

  it("splits unspaced scripts into characters", () => {
    expect(lexicalTokens("退款申请ok")).toEqual(["退", "款", "申", "请", "ok"]);
    expect(lexicalTokens("")).toEqual([]);
  });
});
