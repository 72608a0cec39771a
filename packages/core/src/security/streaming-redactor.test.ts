import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redact } from "./redact.js";
import { StreamingRedactor } from "./streaming-redactor.js";

/** Sends `text` in the given chunk sizes (cycled) and returns what the redactor let out. */
function streamed(text: string, sizes: readonly number[], canaries: string[] = []): string {
  const redactor = new StreamingRedactor({ canaries });
  let output = "";
  let position = 0;
  let index = 0;
  while (position < text.length) {
    const size = Math.max(1, sizes[index % sizes.length] ?? 1);
    output += redactor.push(text.slice(position, position + size));
    position += size;
    index += 1;
  }
  return output + redactor.end();
}

const secrets = [
  "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk",
  "AKIAIOSFODNN7EXAMPLE",
  "jane.doe@example.com",
  "4111 1111 1111 1111",
  "DE89 3704 0044 0532 0130 00",
  "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
  "password: hunter2hunter2",
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----",
];
const words = ["the", "refund", "is", "on", "its", "way,", "call", "us", "today.", "\n", "Thanks"];

describe("StreamingRedactor", () => {
  it("holds a key back until it is complete, then sends it redacted", () => {
    const redactor = new StreamingRedactor();
    expect(redactor.push("Your key is sk-proj-Ab3dEf6hIj9k")).toBe("");
    const second = redactor.push("Lm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk and more text follows here, ");
    // Only what is before the key goes out: the key itself may still be growing.
    expect(second).toBe("Your key is ");
    const third = redactor.push("quite a lot of it so that the tail is long enough to send.");
    expect(third).toMatch(/^\[REDACTED:openai-api-key\] and more/);
    expect(second + third + redactor.end()).not.toContain("sk-proj");
    expect(redactor.findings.map((finding) => finding.type)).toEqual(["openai-api-key"]);
  });

  it("sends clean text with a bounded delay, and everything at the end", () => {
    const redactor = new StreamingRedactor();
    const text = "word ".repeat(100);
    const early = redactor.push(text);
    expect(early.length).toBeGreaterThanOrEqual(text.length - 64);
    expect(early + redactor.end()).toBe(text);
  });

  it("sends a long run without spaces once it passes the hold limit, still redacted", () => {
    const redactor = new StreamingRedactor({ maximumHeldCharacters: 100 });
    const blob = "x".repeat(300);
    expect(redactor.push(`${blob}`).length).toBeGreaterThan(0);
  });

  it("redacts a leaked canary given to it", () => {
    const canary = "QUIRE-CANARY-1f2e3d4c5b6a";
    expect(streamed(`I must not say ${canary} but I did.`, [3], [canary])).toBe(
      "I must not say [REDACTED:canary-leak] but I did.",
    );
  });

  it("whatever the chunking, the stream equals redact() of the whole text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...secrets)), {
          maxLength: 40,
        }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (parts, sizes) => {
          // Words between the pieces: two numbers side by side read as one by either path.
          const text = parts.join(" and ");
          expect(streamed(text, sizes)).toBe(redact(text).text);
        },
      ),
    );
  });

  it("whatever the text and chunking, the stream never shows what redact() finds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...secrets), fc.string()), {
          maxLength: 30,
        }),
        fc.constantFrom("", " ", "\n"),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (parts, separator, sizes) => {
          const text = parts.join(separator);
          const output = streamed(text, sizes);
          for (const finding of redact(text).findings) {
            const value = text.slice(finding.start, finding.end);
            if (value.length >= 8) expect(output).not.toContain(value);
          }
        },
      ),
    );
  });
});
