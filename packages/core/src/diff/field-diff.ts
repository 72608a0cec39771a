import type { VersionDiff } from "../contracts/diff.js";

export type FieldChange = VersionDiff["fields"][number];

/** Escapes a key as a JSON Pointer segment ("~" → "~0", "/" → "~1"). */
export function pointerSegment(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A key's own value: inherited names such as `__proto__` or `constructor` read as absent. */
function ownValue(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The changes that turn `before` into `after`, as leaf-most paths: objects are compared key by
 * key and arrays item by item (`inputSchema/required/1`); anything else is compared whole.
 * `undefined` means absent.
 */
export function fieldChanges(path: string, before: unknown, after: unknown): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: "added", after }];
  if (after === undefined) return [{ path, kind: "removed", before }];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      fieldChanges(`${path}/${pointerSegment(key)}`, ownValue(before, key), ownValue(after, key)),
    );
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    const changes: FieldChange[] = [];
    for (let index = 0; index < length; index++) {
      changes.push(...fieldChanges(`${path}/${index}`, before[index], after[index]));
    }
    return changes;
  }
  if (before === after) return [];
  return [{ path, kind: "changed", before, after }];
}
