/**
 * Runs `work` for items 0…count−1 with at most `concurrency` at once, taking items in order; stops
 * taking new ones once `shouldStop` says so. Resolves when every started item has finished.
 */
export async function runWithConcurrency(
  count: number,
  concurrency: number,
  work: (index: number) => Promise<void>,
  shouldStop: () => boolean,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!shouldStop()) {
      const index = next;
      if (index >= count) return;
      next += 1;
      await work(index);
    }
  };
  const lanes = Math.min(Math.max(1, concurrency), count);
  await Promise.all(Array.from({ length: lanes }, lane));
}
