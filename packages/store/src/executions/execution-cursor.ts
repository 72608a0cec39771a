import { QuireError } from "@quire/core";

/** Where a page of executions ended: its last item's sort key (newest first). */
export interface ExecutionCursor {
  createdAt: Date;
  id: string;
}

/** Opaque to callers: the base64url of `[createdAt ISO, id]`. */
export function encodeExecutionCursor(createdAt: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAt, id]), "utf8").toString("base64url");
}

export function decodeExecutionCursor(cursor: string): ExecutionCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor(cursor);
  }
  if (
    !Array.isArray(decoded) ||
    decoded.length !== 2 ||
    typeof decoded[0] !== "string" ||
    typeof decoded[1] !== "string"
  ) {
    throw invalidCursor(cursor);
  }
  const createdAt = new Date(decoded[0]);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== decoded[0]) {
    throw invalidCursor(cursor);
  }
  return { createdAt, id: decoded[1] };
}

function invalidCursor(cursor: string): QuireError {
  return new QuireError(
    "VALIDATION_FAILED",
    `Invalid cursor ${JSON.stringify(cursor)}: pass the nextCursor of the previous page unchanged, or no cursor for the first page.`,
    { details: { field: "cursor", cursor } },
  );
}
