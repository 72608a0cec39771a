import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CacheKeysEvent,
  decodeCacheKeysEvent,
  encodeCacheKeysEvent,
  fingerprintsPerPayload,
} from "./cache-keys-payload.js";
import { keyFingerprint } from "./key-fingerprint.js";

const fingerprint = fc.integer({ min: 0, max: 2 ** 52 - 1 });

describe("cache-keys NOTIFY payloads", () => {
  it("round-trips fingerprints in payloads that each fit one notification", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("added" as const, "removed" as const),
        fc.array(fingerprint, { minLength: 1, maxLength: 1_000 }),
        (kind, fingerprints) => {
          const payloads = encodeCacheKeysEvent({ kind, fingerprints });
          expect(payloads).toHaveLength(Math.ceil(fingerprints.length / fingerprintsPerPayload));
          const decoded = payloads.map((payload) => {
            expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
            return decodeCacheKeysEvent(payload);
          });
          expect(
            decoded.flatMap((event) => (event as { fingerprints: number[] }).fingerprints),
          ).toEqual(fingerprints);
          for (const event of decoded) expect(event?.kind).toBe(kind);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("carries cleared and reload as they are", () => {
    for (const event of [{ kind: "cleared" }, { kind: "reload" }] satisfies CacheKeysEvent[]) {
      expect(encodeCacheKeysEvent(event).map(decodeCacheKeysEvent)).toEqual([event]);
    }
  });

  it("ignores payloads something else sent on the channel", () => {
    for (const payload of [
      undefined,
      "",
      "not json",
      "null",
      '{"kind":"added"}',
      '{"kind":"added","keys":"xyz"}',
      '{"kind":"removed","keys":"0123456789abc,12"}',
      '{"kind":"renamed","keys":""}',
    ]) {
      expect(decodeCacheKeysEvent(payload)).toBeUndefined();
    }
  });

  it("fingerprints a SHA-256 key by its first 52 bits and hashes any other key", () => {
    const key = "0123456789abcdef".repeat(4);
    expect(keyFingerprint(key)).toBe(0x0123456789abc);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (other) => {
        const value = keyFingerprint(other);
        expect(Number.isSafeInteger(value) && value >= 0 && value < 2 ** 52).toBe(true);
        expect(keyFingerprint(other)).toBe(value);
      }),
    );
  });
});
