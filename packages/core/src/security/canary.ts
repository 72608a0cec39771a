import { type OutputFinding, previewOf } from "./output-finding.js";
import { type RandomSource, randomHex } from "./random-source.js";

/**
 * Canary tokens: a random marker put in the system prompt that the model must never repeat.
 * Finding it in an output means the prompt leaked. The check also finds it with its characters
 * spaced, punctuated or in another case, and base64-encoded.
 */
export const canaryPrefix = "QUIRE-CANARY-";

export function createCanaryToken(random: RandomSource): string {
  return `${canaryPrefix}${randomHex(random, 10).toUpperCase()}`;
}

/** Letters and digits of `text` in lower case, each with its offset in `text`. */
function compact(text: string): { letters: string; origin: number[] } {
  let letters = "";
  const origin: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const isLetterOrDigit =
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a);
    if (!isLetterOrDigit) continue;
    letters += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 0x20) : text[index];
    origin.push(index);
  }
  return { letters, origin };
}

/** Base64 of a string's UTF-8 bytes (canaries are ASCII), without Buffer or btoa. */
function base64Of(text: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const bytes = new TextEncoder().encode(text);
  let output = "";
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk =
      ((bytes[index] ?? 0) << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    output += alphabet[(chunk >> 18) & 63];
    output += alphabet[(chunk >> 12) & 63];
    output += index + 1 < bytes.length ? alphabet[(chunk >> 6) & 63] : "=";
    output += index + 2 < bytes.length ? alphabet[chunk & 63] : "=";
  }
  return output;
}

/** Where `text` repeats any of `canaries` (whole, or its random part disguised). */
export function findCanaryLeaks(text: string, canaries: readonly string[]): OutputFinding[] {
  const findings: OutputFinding[] = [];
  let compacted: ReturnType<typeof compact> | undefined;
  for (const canary of canaries) {
    if (canary === "") continue;
    const random = canary.startsWith(canaryPrefix) ? canary.slice(canaryPrefix.length) : canary;
    const leak = (type: string, start: number, end: number) =>
      findings.push({ kind: "canary", type, start, end, preview: previewOf(canary, 6) });
    const lower = text.toLowerCase();
    let at = lower.indexOf(canary.toLowerCase());
    if (at >= 0) {
      while (at >= 0) {
        leak("canary-leak", at, at + canary.length);
        at = lower.indexOf(canary.toLowerCase(), at + canary.length);
      }
      continue;
    }
    const encoded = base64Of(canary).replace(/=+$/, "");
    at = text.indexOf(encoded);
    if (at >= 0) {
      leak("canary-leak-base64", at, at + encoded.length);
      continue;
    }
    compacted ??= compact(text);
    const needle = random.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (needle.length < 8) continue;
    const found = compacted.letters.indexOf(needle);
    if (found >= 0) {
      const start = compacted.origin[found] ?? 0;
      const end = (compacted.origin[found + needle.length - 1] ?? start) + 1;
      leak("canary-leak-disguised", start, end);
    }
  }
  return findings;
}
