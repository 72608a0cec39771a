/** The shape of bench/results.json: one entry per measured figure. */
export interface BenchResult {
  suite: string;
  name: string;
  value: number;
  unit: string;
  /** Ratios against named peers measured in the same run (value / peer value). */
  ratios?: Record<string, number>;
  notes?: string;
  /** When this figure was measured (results of suites not re-run are kept from earlier runs). */
  measuredAt?: string;
}

export interface BenchReport {
  generatedAt: string;
  command: string;
  machine: { node: string; platform: string; cpus: number; cpuModel: string };
  results: BenchResult[];
}
