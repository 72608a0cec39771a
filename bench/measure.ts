/** Throughput measurement shared by the benchmarks: calibrated batches, interleaved rounds, medians. */

export type Work = () => unknown;

export interface Peer {
  name: string;
  /** Called once per operation. May return a promise; it is awaited. */
  run: Work;
  async?: boolean;
}

export interface ThroughputResult {
  name: string;
  operationsPerSecond: number;
  roundsPerSecond: number[];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] as number;
}

async function runBatch(peer: Peer, iterations: number): Promise<number> {
  const started = process.hrtime.bigint();
  if (peer.async) {
    for (let index = 0; index < iterations; index += 1) await peer.run();
  } else {
    for (let index = 0; index < iterations; index += 1) peer.run();
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Finds the number of iterations that takes about `targetSeconds`. */
async function calibrate(peer: Peer, targetSeconds: number): Promise<number> {
  let iterations = 100;
  for (;;) {
    const seconds = await runBatch(peer, iterations);
    if (seconds >= targetSeconds / 4)
      return Math.max(1, Math.round((iterations * targetSeconds) / seconds));
    iterations *= 4;
  }
}

/**
 * Measures every peer in the same process, rounds interleaved (peer A, B, C, A, B, C, …) so that
 * machine noise falls on all of them alike; reports the median of the rounds.
 */
export async function compareThroughput(
  peers: Peer[],
  options: { rounds?: number; batchSeconds?: number } = {},
): Promise<ThroughputResult[]> {
  const rounds = options.rounds ?? 9;
  const batchSeconds = options.batchSeconds ?? 0.2;
  const iterations = new Map<string, number>();
  for (const peer of peers) {
    await runBatch(peer, 2_000); // warm up the JIT
    iterations.set(peer.name, await calibrate(peer, batchSeconds));
  }
  const perRound = new Map<string, number[]>(peers.map((peer) => [peer.name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const peer of peers) {
      const count = iterations.get(peer.name) ?? 1;
      const seconds = await runBatch(peer, count);
      perRound.get(peer.name)?.push(count / seconds);
    }
  }
  return peers.map((peer) => {
    const roundsPerSecond = perRound.get(peer.name) ?? [];
    return { name: peer.name, operationsPerSecond: median(roundsPerSecond), roundsPerSecond };
  });
}
