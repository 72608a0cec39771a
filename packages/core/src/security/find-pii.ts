import { isValidIban } from "./iban.js";
import { passesLuhn } from "./luhn.js";
import { type OutputFinding, previewOf } from "./output-finding.js";

/**
 * Personal data in text: e-mail addresses, payment card numbers (Luhn-checked), IBANs
 * (mod-97-checked), US social security numbers, phone numbers and IP addresses (v4 and v6,
 * validated). Scanners walk the text once each; none can backtrack beyond a bounded length.
 */
export function findPii(text: string): OutputFinding[] {
  return [
    ...emails(text),
    ...cardNumbers(text),
    ...ibans(text),
    ...socialSecurityNumbers(text),
    ...ipv4Addresses(text),
    ...ipv6Addresses(text),
    ...phoneNumbers(text),
  ];
}

function finding(type: string, text: string, start: number, end: number): OutputFinding {
  return { kind: "pii", type, start, end, preview: previewOf(text.slice(start, end), 2) };
}

function isLocalPartCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x25 ||
    code === 0x2b ||
    code === 0x2d
  );
}

function isDomainCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2e ||
    code === 0x2d
  );
}

/** From each "@": the local part to its left (≤ 64) and a dotted domain to its right (≤ 253). */
function emails(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  let at = text.indexOf("@");
  let consumed = 0;
  while (at >= 0) {
    let start = at;
    while (start > consumed && at - start < 64 && isLocalPartCode(text.charCodeAt(start - 1))) {
      start -= 1;
    }
    while (start < at && text.charCodeAt(start) === 0x2e) start += 1;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && isDomainCode(text.charCodeAt(end))) end += 1;
    while (
      end > at + 1 &&
      (text.charCodeAt(end - 1) === 0x2e || text.charCodeAt(end - 1) === 0x2d)
    ) {
      end -= 1;
    }
    const domain = text.slice(at + 1, end);
    const lastDot = domain.lastIndexOf(".");
    const topLevel = lastDot < 0 ? "" : domain.slice(lastDot + 1);
    if (start < at && lastDot > 0 && /^[a-z]{2,24}$/i.test(topLevel) && !domain.includes("..")) {
      found.push(finding("email", text, start, end));
      consumed = end;
    }
    at = text.indexOf("@", Math.max(at + 1, consumed));
  }
  return found;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** Runs of digit groups separated by one space or hyphen: [start, end) of each group. */
function digitGroupRuns(text: string, visit: (groups: Array<[number, number]>) => void): void {
  let index = 0;
  while (index < text.length) {
    if (!isDigit(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const groups: Array<[number, number]> = [];
    for (;;) {
      const start = index;
      while (index < text.length && isDigit(text.charCodeAt(index))) index += 1;
      groups.push([start, index]);
      const separator = text.charCodeAt(index);
      if ((separator === 0x20 || separator === 0x2d) && isDigit(text.charCodeAt(index + 1))) {
        index += 1;
        continue;
      }
      break;
    }
    visit(groups);
  }
}

/**
 * Payment card numbers: 13–19 digits, in one piece or in groups, that pass the Luhn check.
 * Every run of consecutive groups is tried, so a card number written after other digits
 * ("order 12 4111 1111 1111 1111") is still found.
 */
function cardNumbers(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  digitGroupRuns(text, (groups) => {
    let first = 0;
    while (first < groups.length) {
      let digits = "";
      let matched = -1;
      for (let last = first; last < groups.length; last += 1) {
        const [start, end] = groups[last] as [number, number];
        digits += text.slice(start, end);
        if (digits.length > 19) break;
        if (digits.length >= 13 && passesLuhn(digits)) matched = last;
      }
      if (matched >= 0) {
        const start = (groups[first] as [number, number])[0];
        const end = (groups[matched] as [number, number])[1];
        found.push(finding("credit-card", text, start, end));
        first = matched + 1;
      } else first += 1;
    }
  });
  return found;
}

const ibanCandidate = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/gi;

function ibans(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  ibanCandidate.lastIndex = 0;
  for (const match of text.matchAll(ibanCandidate)) {
    // The candidate may run into the next word: try it whole, then shorter by a group.
    let candidate = match[0];
    while (candidate.length >= 15) {
      if (isValidIban(candidate.replace(/ /g, "").toUpperCase())) {
        found.push(finding("iban", text, match.index, match.index + candidate.length));
        break;
      }
      const cut = candidate.lastIndexOf(" ");
      candidate = cut > 0 ? candidate.slice(0, cut) : candidate.slice(0, -1);
    }
  }
  return found;
}

const ssn = /\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b/g;

function socialSecurityNumbers(text: string): OutputFinding[] {
  ssn.lastIndex = 0;
  return [...text.matchAll(ssn)].map((match) =>
    finding("us-ssn", text, match.index, match.index + match[0].length),
  );
}

const ipv4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;

function ipv4Addresses(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  ipv4.lastIndex = 0;
  for (const match of text.matchAll(ipv4)) {
    const end = match.index + match[0].length;
    // Not part of a longer dotted number such as a version (1.2.3.4.5), nor the end of an IPv6
    // address (::ffff:10.0.0.1), found whole by the IPv6 scanner.
    const before = text[match.index - 1];
    if (
      before === "." ||
      before === ":" ||
      (text[end] === "." && isDigit(text.charCodeAt(end + 1)))
    ) {
      continue;
    }
    const octets = match[0].split(".").map(Number);
    if (octets.every((octet) => octet <= 255))
      found.push(finding("ip-address", text, match.index, end));
  }
  return found;
}

function isHexOrColon(code: number): boolean {
  return (
    isDigit(code) ||
    (code >= 0x61 && code <= 0x66) ||
    (code >= 0x41 && code <= 0x46) ||
    code === 0x3a ||
    code === 0x2e
  );
}

function isWordCode(code: number): boolean {
  return (
    isDigit(code) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    code === 0x5f
  );
}

/** A full IPv6 address: eight groups, or fewer around one "::", optionally ending in IPv4. */
export function isIpv6(candidate: string): boolean {
  if (candidate.length < 2 || candidate.length > 45) return false;
  const halves = candidate.split("::");
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === "" ? [] : half.split(":"));
  const groups = halves.flatMap(groupsOf);
  let count = groups.length;
  const last = groups.at(-1);
  if (last?.includes(".")) {
    if (
      !/^(?:\d{1,3}\.){3}\d{1,3}$/.test(last) ||
      last.split(".").some((octet) => Number(octet) > 255)
    ) {
      return false;
    }
    count += 1;
  }
  const hexGroups = last?.includes(".") ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** From each ":" not yet inside a candidate: the run of hex digits, colons and dots around it. */
function ipv6Addresses(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  let colon = text.indexOf(":");
  while (colon >= 0) {
    let start = colon;
    while (start > 0 && colon - start < 45 && isHexOrColon(text.charCodeAt(start - 1))) start -= 1;
    let end = colon + 1;
    while (end < text.length && end - start < 45 && isHexOrColon(text.charCodeAt(end))) end += 1;
    while (end > start && text.charCodeAt(end - 1) === 0x2e) end -= 1;
    const candidate = text.slice(start, end);
    const bounded = !isWordCode(text.charCodeAt(start - 1)) && !isWordCode(text.charCodeAt(end));
    const digits = candidate.replace(/[:.]/g, "").length;
    if (bounded && digits >= 2 && (candidate.match(/:/g)?.length ?? 0) >= 2 && isIpv6(candidate)) {
      found.push(finding("ip-address", text, start, end));
    }
    colon = text.indexOf(":", Math.max(colon + 1, end));
  }
  return found;
}

/** 2024-01-15 10:30 has ten digits and separators, and is not a phone number. */
const datePrefix = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}\b/;

/**
 * Phone numbers: a "+" country code and 8–15 digits, or 10–15 digits written with separators
 * (spaces, dots, hyphens, parentheses) such as (555) 123-4567. Plain runs of digits are not
 * phone numbers here (too many other numbers look like them).
 */
function phoneNumbers(text: string): OutputFinding[] {
  const found: OutputFinding[] = [];
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const opens = code === 0x2b || code === 0x28 || isDigit(code);
    if (!opens || (index > 0 && isWordCode(text.charCodeAt(index - 1)))) {
      index += 1;
      continue;
    }
    const start = index;
    let digits = 0;
    let separators = 0;
    let end = index;
    while (index < text.length && index - start < 30) {
      const current = text.charCodeAt(index);
      if (isDigit(current)) {
        digits += 1;
        end = index + 1;
      } else if (current === 0x2b && index === start) {
        // the leading plus
      } else if (
        current === 0x20 ||
        current === 0x2e ||
        current === 0x2d ||
        current === 0x28 ||
        current === 0x29
      ) {
        if (current === 0x29) end = index + 1;
        separators += 1;
        const next = text.charCodeAt(index + 1);
        if (!isDigit(next) && next !== 0x28 && !(current === 0x29 && next === 0x20)) break;
      } else break;
      index += 1;
    }
    const international = code === 0x2b;
    const enough = international
      ? digits >= 8 && digits <= 15
      : digits >= 10 && digits <= 15 && separators >= 2 && !datePrefix.test(text.slice(start, end));
    if (enough && !isWordCode(text.charCodeAt(end))) {
      found.push(finding("phone", text, start, end));
      index = end;
    } else index = Math.max(index, start + 1);
  }
  return found;
}
