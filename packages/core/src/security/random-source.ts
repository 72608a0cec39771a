import { QuireError } from "../errors/index.js";

/** Where guards get randomness (delimiters, canaries): n random bytes. Tests pass their own. */
export type RandomSource = (byteCount: number) => Uint8Array;

/** The Web Crypto generator, in browsers and in Node alike. */
export const cryptoRandom: RandomSource = (byteCount) => {
  const crypto = (
    globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }
  ).crypto;
  if (crypto?.getRandomValues === undefined) {
    throw new QuireError(
      "CONFIG_INVALID",
      "No secure random generator (globalThis.crypto.getRandomValues) is available to make delimiters and canary tokens; pass a random source to applyGuards",
    );
  }
  return crypto.getRandomValues(new Uint8Array(byteCount));
};

/** `byteCount` random bytes as lower-case hex. */
export function randomHex(random: RandomSource, byteCount: number): string {
  return [...random(byteCount)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
