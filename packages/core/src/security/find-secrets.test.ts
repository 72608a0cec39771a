import { describe, expect, it } from "vitest";
import { findSecrets } from "./find-secrets.js";

/** Fake credentials in each vendor's shape (none is real). */
const secrets: Array<[string, string]> = [
  ["aws-access-key-id", "AKIAIOSFODNN7EXAMPLE"],
  ["github-token", `ghp_${"a1B2".repeat(9)}`],
  ["github-token", `github_pat_${"11ABCDEFG0".repeat(3)}`],
  ["gitlab-token", "glpat-abcdefghij0123456789"],
  ["slack-token", "xoxb-123456789012-abcdefghij"],
  ["stripe-key", `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`],
  ["anthropic-api-key", `sk-ant-api03-${"A".repeat(40)}`],
  ["openai-api-key", `sk-proj-${"Ab3".repeat(16)}`],
  ["google-api-key", `AIza${"SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6q"}`],
  ["huggingface-token", `hf_${"aBcDeFgHiJ".repeat(4)}`],
  ["npm-token", `npm_${"a1b2c3d4e5f6".repeat(3)}`],
  ["sendgrid-key", `SG.${"a".repeat(22)}.${"b".repeat(43)}`],
  [
    "jwt",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  ],
];

describe("findSecrets", () => {
  it.each(secrets)("finds a %s", (type, secret) => {
    const text = `config: ${secret} end`;
    const found = findSecrets(text);
    expect(found.map((finding) => finding.type)).toContain(type);
    const finding = found.find((candidate) => candidate.type === type);
    expect(text.slice(finding?.start, finding?.end)).toBe(secret);
    expect(finding?.preview).not.toContain(secret);
  });

  it("finds a private key block from BEGIN to END", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
    const [finding] = findSecrets(`key:\n${key}\nthanks`);
    expect(finding?.type).toBe("private-key");
    expect(`key:\n${key}\nthanks`.slice(finding?.start, finding?.end)).toBe(key);
  });

  it("finds passwords in assignments, and only the value", () => {
    for (const [text, value] of [
      ['password = "hunter2!"', "hunter2!"],
      ["DB_PASSWORD=s3cr3t-pass", "s3cr3t-pass"],
      ["api_key: 'abcd1234efgh'", "abcd1234efgh"],
      ["postgres://admin:Tr0ub4dor@db.example.com/app", "Tr0ub4dor"],
    ] as const) {
      const found = findSecrets(text);
      expect(
        found.map((finding) => text.slice(finding.start, finding.end)),
        text,
      ).toContain(value);
    }
  });

  it("ignores placeholders and ordinary prose", () => {
    expect(findSecrets('password = "********"')).toEqual([]);
    expect(findSecrets("password: <your password>")).toEqual([]);
    expect(findSecrets(["secret=$", "{SECRET}"].join(""))).toEqual([]);
    expect(findSecrets("Reset your password from the settings page.")).toEqual([]);
    expect(findSecrets("The task is to ask for the key of the door.")).toEqual([]);
    expect(findSecrets("risk-assessment and sk-short")).toEqual([]);
  });
});
