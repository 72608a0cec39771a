import { createHash, randomBytes } from "node:crypto";

export const apiKeyPrefix = "quire_";

/** A new secret: `quire_` + 32 random bytes in base64url (43 characters). */
export function generateApiKey(): string {
  return apiKeyPrefix + randomBytes(32).toString("base64url");
}

/** What the store keeps instead of the key: its SHA-256, hex. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A short, non-secret part of the key to show in listings (`quire_AbC1`). */
export function displayPrefix(key: string): string {
  return key.slice(0, apiKeyPrefix.length + 4);
}

/** Keys look like `quire_` followed by base64url characters. */
export function looksLikeApiKey(candidate: string): boolean {
  return /^quire_[A-Za-z0-9_-]{20,200}$/.test(candidate);
}
