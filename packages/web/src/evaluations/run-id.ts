/** A run id short enough for a heading or a table cell (show the whole id on hover). */
export function shortRunId(id: string): string {
  return id.length > 20 ? `${id.slice(0, 16)}…` : id;
}
