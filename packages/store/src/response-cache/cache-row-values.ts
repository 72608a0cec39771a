import { type GenerateResult, QuireError } from "@quire/core";

/** A cache time (ms since 1970) as a Date, refusing what is not a finite number. */
export function cacheTime(value: number, field: string): Date {
  const time = new Date(value);
  if (!Number.isFinite(value) || Number.isNaN(time.getTime())) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The cache entry's ${field} (${String(value)}) is not a time: give milliseconds since 1970, such as Date.now().`,
      { details: { field, value: String(value) } },
    );
  }
  return time;
}

export function optionalCacheTime(value: number | undefined, field: string): Date | null {
  return value === undefined ? null : cacheTime(value, field);
}

/** The answer as JSON text for a `json` column. */
export function resultJson(result: GenerateResult): string {
  const text = JSON.stringify(result);
  if (typeof text !== "string") {
    throw new QuireError(
      "VALIDATION_FAILED",
      "The cached answer is not JSON-serializable: cache GenerateResult objects as the model returned them.",
    );
  }
  return text;
}

/** A `json` column as read: parsed by both drivers; text only if a driver left it as text. */
export function resultOf(value: unknown): GenerateResult {
  return (typeof value === "string" ? JSON.parse(value) : value) as GenerateResult;
}

export function millisecondsOf(time: Date | null): number | undefined {
  return time === null ? undefined : time.getTime();
}

/** `bigint` counters arrive as strings from `pg` and numbers from PGlite. */
export function counterOf(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

const maximumKeyLength = 512;

/** The key as given, or VALIDATION_FAILED when it is empty or too long. */
export function checkedKey(key: string): string {
  if (typeof key !== "string" || key.length === 0 || key.length > maximumKeyLength) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid response cache key ${JSON.stringify(String(key).slice(0, 80))}: give the cache's hash (1 to ${maximumKeyLength} characters).`,
      { details: { field: "key" } },
    );
  }
  return key;
}
