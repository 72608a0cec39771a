/** The NOTIFY channel that tells every server on one PostgreSQL database which cache keys changed. */
export const cacheKeysChannel = "quire_cache_keys";

/** A change to the exact cache's keys, as key fingerprints (see `keyFingerprint`). */
export type CacheKeysEvent =
  | { kind: "added"; fingerprints: number[] }
  | { kind: "removed"; fingerprints: number[] }
  /** Every row was deleted. */
  | { kind: "cleared" }
  /** Too many rows were deleted to list: read the keys from the table again. */
  | { kind: "reload" };

/**
 * Fingerprints per notification: 13 hex digits and a comma each, so 400 fit well inside
 * PostgreSQL's 8,000-byte payload limit.
 */
export const fingerprintsPerPayload = 400;

function hexOf(fingerprint: number): string {
  return fingerprint.toString(16).padStart(13, "0");
}

/** The payloads of one event, split so that each fits in one notification. */
export function encodeCacheKeysEvent(event: CacheKeysEvent): string[] {
  if (event.kind === "cleared" || event.kind === "reload") return [JSON.stringify(event)];
  const payloads: string[] = [];
  for (let start = 0; start < event.fingerprints.length; start += fingerprintsPerPayload) {
    const chunk = event.fingerprints.slice(start, start + fingerprintsPerPayload);
    payloads.push(JSON.stringify({ kind: event.kind, keys: chunk.map(hexOf).join(",") }));
  }
  return payloads;
}

const fingerprintPattern = /^[0-9a-f]{13}$/;

/** Parses a payload; anything malformed (sent by something else) gives undefined. */
export function decodeCacheKeysEvent(payload: string | undefined): CacheKeysEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload ?? "");
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const candidate = parsed as { kind?: unknown; keys?: unknown };
  if (candidate.kind === "cleared" || candidate.kind === "reload") return { kind: candidate.kind };
  if (candidate.kind !== "added" && candidate.kind !== "removed") return undefined;
  if (typeof candidate.keys !== "string") return undefined;
  const parts = candidate.keys === "" ? [] : candidate.keys.split(",");
  if (!parts.every((part) => fingerprintPattern.test(part))) return undefined;
  return { kind: candidate.kind, fingerprints: parts.map((part) => Number.parseInt(part, 16)) };
}
