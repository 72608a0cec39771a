import { QuireError } from "@quire/core";

/** Largest page any list returns. */
export const maximumPageSize = 500;

/** Cursors are opaque to callers: the base64url of the last item's sort key. */
export function encodeCursor(lastKey: string | number): string {
  return Buffer.from(String(lastKey), "utf8").toString("base64url");
}

export function decodeTextCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (cursor.length === 0 || encodeCursor(decoded) !== cursor) throw invalidCursor(cursor);
  return decoded;
}

export function decodeNumberCursor(cursor: string): number {
  const decoded = decodeTextCursor(cursor);
  if (!/^[1-9]\d{0,15}$/.test(decoded)) throw invalidCursor(cursor);
  return Number(decoded);
}

export function checkPageSize(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > maximumPageSize) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Invalid limit ${limit}: a page holds 1 to ${maximumPageSize} items.`,
      { details: { field: "limit", limit, maximum: maximumPageSize } },
    );
  }
  return limit;
}

/** Splits the `limit + 1` rows a page query fetched into the page and the next cursor. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
  sortKey: (row: Row) => string | number,
): { items: Item[]; nextCursor: string | null } {
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null;
  return { items: pageRows.map(toItem), nextCursor };
}

function invalidCursor(cursor: string): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Invalid cursor ${JSON.stringify(cursor)}: pass the nextCursor of the previous page unchanged, or no cursor for the first page.`,
    { details: { field: "cursor", cursor } },
  );
}
