import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contextSignature } from "./context-signature.js";

describe("contextSignature", () => {
  it("is the documented hash of the sorted variable names and the context", () => {
    const expected = createHash("sha256")
      .update('{"context":{"locale":"fr"},"variables":["customer","question"]}')
      .digest("hex")
      .slice(0, 16);
    expect(
      contextSignature({
        variables: { question: "why?", customer: "Ada" },
        context: { locale: "fr" },
      }),
    ).toBe(expected);
  });

  it("depends on variable names, not their values or order", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue()),
        fc.jsonValue(),
        (variables, otherValue) => {
          const names = Object.keys(variables);
          const sameNamesOtherValues = Object.fromEntries(
            [...names].reverse().map((name) => [name, otherValue]),
          );
          const signature = contextSignature({ variables });
          expect(contextSignature({ variables: sameNamesOtherValues })).toBe(signature);
          expect(contextSignature({ variables: [...names, ...names] })).toBe(signature);
        },
      ),
    );
  });

  it("changes when a variable name or a context value changes", () => {
    const base = contextSignature({ variables: ["question"], context: { tier: "pro" } });
    expect(
      contextSignature({ variables: ["question", "customer"], context: { tier: "pro" } }),
    ).not.toBe(base);
    expect(contextSignature({ variables: ["question"], context: { tier: "free" } })).not.toBe(base);
    expect(contextSignature({ variables: ["question"] })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });

  it("keeps names and context apart (a name is not mistaken for a context key)", () => {
    expect(contextSignature({ variables: ["tier"] })).not.toBe(
      contextSignature({ variables: [], context: { tier: true } }),
    );
  });
});
