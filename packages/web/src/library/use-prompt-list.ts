import type { QuireClient } from "@quire/client";
import type { Prompt } from "@quire/core";
import { useEffect, useState } from "react";

export interface PromptListState {
  items: Prompt[];
  /** More pages are being fetched. */
  loading: boolean;
  /** Every page is in. */
  complete: boolean;
  error: unknown;
}

const pageSize = 500;

/**
 * Every prompt under `prefix` matching `search`, fetched page by page in the background: the first
 * page shows at once, the rest stream in (the list is virtualized, so 10,000 rows stay smooth).
 */
export function usePromptList(
  client: QuireClient,
  prefix: string,
  search: string,
  retry: number,
): PromptListState {
  const [state, setState] = useState<PromptListState>({
    items: [],
    loading: true,
    complete: false,
    error: undefined,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `retry` value fetches again
  useEffect(() => {
    const controller = new AbortController();
    let items: Prompt[] = [];
    setState({ items, loading: true, complete: false, error: undefined });
    (async () => {
      let cursor: string | undefined;
      do {
        const page = await client.listPrompts(
          {
            limit: pageSize,
            ...(cursor === undefined ? {} : { cursor }),
            ...(prefix === "" ? {} : { prefix }),
            ...(search === "" ? {} : { search }),
          },
          { signal: controller.signal },
        );
        if (controller.signal.aborted) return;
        items = items.concat(page.items);
        cursor = page.nextCursor ?? undefined;
        setState({
          items,
          loading: cursor !== undefined,
          complete: cursor === undefined,
          error: undefined,
        });
      } while (cursor !== undefined);
    })().catch((error: unknown) => {
      if (!controller.signal.aborted) setState({ items, loading: false, complete: false, error });
    });
    return () => controller.abort();
  }, [client, prefix, search, retry]);
  return state;
}
