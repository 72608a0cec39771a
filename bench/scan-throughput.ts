/** MB of UTF-8 text a scanning function gets through per second, measured in rounds. */
import { median } from "./measure.js";

export interface Throughput {
  /** Median MB/s by the clock. */
  median: number;
  rounds: number[];
  /** Median MB per second of this process's CPU time: less sensitive to other work on the machine. */
  cpu: number;
}

export type Scan = (text: string) => unknown;

export function megabytesPerSecond(scan: Scan, texts: string[], rounds: number): Throughput {
  const bytes = texts.reduce((total, text) => total + Buffer.byteLength(text, "utf8"), 0);
  for (const text of texts) scan(text); // warm up
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const cpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    for (const text of texts) scan(text);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    rates.push(bytes / 1e6 / seconds);
    cpuRates.push(bytes / 1e6 / ((cpu.user + cpu.system) / 1e6));
  }
  return { median: median(rates), rounds: rates, cpu: median(cpuRates) };
}
