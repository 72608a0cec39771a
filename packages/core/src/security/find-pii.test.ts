import { describe, expect, it } from "vitest";
import { findPii, isIpv6 } from "./find-pii.js";
import { isValidIban } from "./iban.js";
import { passesLuhn } from "./luhn.js";

function found(text: string): Array<[string, string]> {
  return findPii(text).map((finding) => [finding.type, text.slice(finding.start, finding.end)]);
}

describe("findPii", () => {
  it("finds e-mail addresses", () => {
    expect(found("Write to ann.lee+news@mail.example.co.uk today.")).toEqual([
      ["email", "ann.lee+news@mail.example.co.uk"],
    ]);
    expect(found("Follow @quire on social media, or a@b")).toEqual([]);
  });

  it("finds card numbers that pass the Luhn check, in groups or not", () => {
    expect(found("Card 4111 1111 1111 1111 exp 12/27")).toEqual([
      ["credit-card", "4111 1111 1111 1111"],
    ]);
    expect(found("card:5500-0000-0000-0004.")).toEqual([["credit-card", "5500-0000-0000-0004"]]);
    expect(found("order 12 4111111111111111")).toEqual([["credit-card", "4111111111111111"]]);
    expect(found("Card 4111 1111 1111 1112")).toEqual([]);
  });

  it("finds IBANs that pass the mod-97 check", () => {
    expect(found("IBAN: DE89 3704 0044 0532 0130 00, thanks")).toEqual([
      ["iban", "DE89 3704 0044 0532 0130 00"],
    ]);
    expect(found("GB82WEST12345698765432")).toEqual([["iban", "GB82WEST12345698765432"]]);
    // (Its digits happen to pass the Luhn check, so they are redacted as a card number.)
    expect(found("DE89 3704 0044 0532 0130 01").map(([type]) => type)).not.toContain("iban");
  });

  it("finds US social security numbers, but not impossible ones", () => {
    expect(found("SSN 123-45-6789")).toEqual([["us-ssn", "123-45-6789"]]);
    const impossible = "000-12-3456, 666-12-3456, 900-12-3456, 123-00-4567, 123-45-0000";
    expect(found(impossible)).toEqual([]);
  });

  it("finds IPv4 and IPv6 addresses, not version numbers, times or C++ names", () => {
    expect(found("from 192.168.1.20 and 2001:db8::8a2e:370:7334 and ::ffff:10.0.0.1")).toEqual([
      ["ip-address", "192.168.1.20"],
      ["ip-address", "2001:db8::8a2e:370:7334"],
      ["ip-address", "::ffff:10.0.0.1"],
    ]);
    expect(found("version 1.2.3.4.5, at 12:30:45, std::vector, 999.1.1.1")).toEqual([]);
  });

  it("finds phone numbers with a country code or separators, not dates or plain numbers", () => {
    expect(found("Call +1 (555) 123-4567 or 030 1234 5678.")).toEqual([
      ["phone", "+1 (555) 123-4567"],
      ["phone", "030 1234 5678"],
    ]);
    expect(found("On 2024-01-15 10:30 we sold 1234567890 units.")).toEqual([]);
  });
});

describe("check digits", () => {
  it("Luhn", () => {
    expect(passesLuhn("79927398713")).toBe(true);
    expect(passesLuhn("79927398710")).toBe(false);
    expect(passesLuhn("")).toBe(false);
    expect(passesLuhn("12a4")).toBe(false);
  });

  it("IBAN mod-97 and country length", () => {
    expect(isValidIban("DE89370400440532013000")).toBe(true);
    expect(isValidIban("DE8937040044053201300")).toBe(false);
    expect(isValidIban("XX89370400440532013000")).toBe(false);
  });

  it("IPv6 forms", () => {
    expect(isIpv6("2001:0db8:0000:0000:0000:ff00:0042:8329")).toBe(true);
    expect(isIpv6("fe80::1")).toBe(true);
    expect(isIpv6("1:2:3:4:5:6:7")).toBe(false);
    expect(isIpv6("1::2::3")).toBe(false);
    expect(isIpv6("12345::1")).toBe(false);
  });
});
