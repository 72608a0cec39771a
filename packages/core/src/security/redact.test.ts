import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createCanaryToken, findCanaryLeaks } from "./canary.js";
import { passesLuhn } from "./luhn.js";
import { checkOutput, redact } from "./redact.js";

describe("redact", () => {
  it("replaces each finding with its type and reports where it was", () => {
    const text = "Mail ann@example.com, key AKIAIOSFODNN7EXAMPLE.";
    const result = redact(text);
    expect(result.text).toBe("Mail [REDACTED:email], key [REDACTED:aws-access-key-id].");
    expect(result.findings.map((finding) => text.slice(finding.start, finding.end))).toEqual([
      "ann@example.com",
      "AKIAIOSFODNN7EXAMPLE",
    ]);
  });

  it("runs only the checks asked for", () => {
    const text = "ann@example.com AKIAIOSFODNN7EXAMPLE";
    expect(redact(text, { checks: ["secrets"] }).text).toBe(
      "ann@example.com [REDACTED:aws-access-key-id]",
    );
    expect(redact(text, { checks: ["pii"] }).text).toBe("[REDACTED:email] AKIAIOSFODNN7EXAMPLE");
  });

  it("prefers a secret over personal data it overlaps", () => {
    const text = "postgres://bob:4111111111111111@db/app";
    expect(checkOutput(text).map((finding) => finding.type)).toEqual([
      "connection-string-password",
    ]);
  });

  it("redacts leaked canaries, also disguised", () => {
    const canary = createCanaryToken(() => Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(canary).toBe("QUIRE-CANARY-0102030405060708090A");
    const disguised = "my token: 0 1 0 2 0 3 0 4 0 5 0 6 0 7 0 8 0 9 0 a!";
    expect(redact(`It is ${canary}.`, { canaries: [canary] }).text).toBe(
      "It is [REDACTED:canary-leak].",
    );
    expect(findCanaryLeaks(disguised, [canary]).map((finding) => finding.type)).toEqual([
      "canary-leak-disguised",
    ]);
    const encoded = Buffer.from(canary).toString("base64").replace(/=+$/, "");
    expect(findCanaryLeaks(`see ${encoded}`, [canary])[0]?.type).toBe("canary-leak-base64");
    expect(findCanaryLeaks("nothing here", [canary])).toEqual([]);
  });
});

/** Every run of 13–19 digits in one piece or in groups (space or hyphen) that passes Luhn. */
function luhnValidCardNumbers(text: string): string[] {
  const valid: string[] = [];
  for (const run of text.match(/\d+(?:[ -]\d+)*/g) ?? []) {
    const groups = run.split(/[ -]/);
    for (let first = 0; first < groups.length; first += 1) {
      let digits = "";
      for (let last = first; last < groups.length && digits.length <= 19; last += 1) {
        digits += groups[last];
        if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits)) valid.push(digits);
      }
    }
  }
  return valid;
}

/** A Luhn-valid number of `length` digits from `digits` (the last one is the check digit). */
function withCheckDigit(digits: number[]): string {
  for (let check = 0; check <= 9; check += 1) {
    const candidate = [...digits, check].join("");
    if (passesLuhn(candidate)) return candidate;
  }
  throw new Error("unreachable: one check digit always works");
}

const cardNumber = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 18 }),
    fc.constantFrom("", " ", "-"),
  )
  .map(([digits, separator]) => (withCheckDigit(digits).match(/.{1,4}/g) ?? []).join(separator));

describe("redaction properties", () => {
  it("never leaves a Luhn-valid card number in the text", () => {
    const piece = fc.oneof(
      cardNumber,
      fc.string({ maxLength: 8 }),
      fc.constantFrom(" ", "-", "1", "12", " 4", "\n", "ann@example.com"),
      fc.integer({ min: 0, max: 99_999 }).map(String),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        expect(luhnValidCardNumbers(redact(text).text)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the text around findings as it was", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { text: redacted, findings } = redact(text);
        let expected = "";
        let position = 0;
        for (const finding of findings) {
          expect(finding.start).toBeGreaterThanOrEqual(position);
          expected += `${text.slice(position, finding.start)}[REDACTED:${finding.type}]`;
          position = finding.end;
        }
        expect(redacted).toBe(expected + text.slice(position));
      }),
    );
  });
});
