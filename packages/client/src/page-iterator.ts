/** One page of a list: `nextCursor` is null on the last page. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

/** Walks every page of a list, one request at a time, yielding items in order. */
export async function* iteratePages<Item>(
  fetchPage: (cursor: string | undefined) => Promise<Page<Item>>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
    // A server that hands back a cursor it already gave would loop forever; stop instead.
    if (cursor !== undefined) {
      if (seen.has(cursor)) return;
      seen.add(cursor);
    }
  } while (cursor !== undefined);
}
