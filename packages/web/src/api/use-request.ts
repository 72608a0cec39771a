import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";

export type RequestState<Value> =
  | { status: "loading"; value: Value | undefined }
  | { status: "done"; value: Value }
  | { status: "failed"; error: unknown; value: Value | undefined };

/**
 * Runs `load` when the dependencies change (aborting the previous call) and keeps its state;
 * `reload` runs it again. The last value stays visible while a new one loads.
 */
export function useRequest<Value>(
  load: (signal: AbortSignal) => Promise<Value>,
  dependencies: DependencyList,
): RequestState<Value> & { reload(): void } {
  const [state, setState] = useState<RequestState<Value>>({ status: "loading", value: undefined });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's dependencies decide when to load again
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: "loading", value: previous.value }));
    loadRef.current(controller.signal).then(
      (value) => {
        if (!controller.signal.aborted) setState({ status: "done", value });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState((previous) => ({ status: "failed", error, value: previous.value }));
        }
      },
    );
    return () => controller.abort();
  }, [...dependencies, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
