import { createHash } from "node:crypto";

const hexPrefix = /^[0-9a-f]{13}/;

/**
 * A cache key's first 52 bits as a number (a double holds them exactly): the compact form the
 * key sets keep (~37 bytes a key in a `Set<number>`, against ~130 for the 64-character key).
 * The cache's keys are SHA-256 in hex, so their prefix is already uniform; any other key is
 * hashed first. Two keys may share a fingerprint (about one pair in 2^52): a set then says
 * "maybe" for a key never written, which only costs a read of the table.
 */
export function keyFingerprint(key: string): number {
  const hex = hexPrefix.test(key) ? key : createHash("sha256").update(key).digest("hex");
  return Number.parseInt(hex.slice(0, 13), 16);
}
