/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` running at once, settling each
 * (a failure never stops the others). Once `shouldStop()` says so, no further task starts; those
 * never started are left out of the answer. Results are in index order.
 */
export async function runBounded<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  shouldStop: () => boolean = () => false,
): Promise<Array<{ index: number } & PromiseSettledResult<T>>> {
  const settled: Array<{ index: number } & PromiseSettledResult<T>> = [];
  let next = 0;
  const worker = async () => {
    while (next < count && !shouldStop()) {
      const index = next;
      next += 1;
      try {
        settled.push({ index, status: "fulfilled", value: await task(index) });
      } catch (reason) {
        settled.push({ index, status: "rejected", reason });
      }
    }
  };
  const workers = Math.max(1, Math.min(concurrency, count));
  await Promise.all(Array.from({ length: workers }, worker));
  return settled.sort((left, right) => left.index - right.index);
}
