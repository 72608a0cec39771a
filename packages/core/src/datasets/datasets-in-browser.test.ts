import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInBrowserSandbox } from "../testing/browser-sandbox.js";

/** Dataset import/export and run statistics run in the web UI too (papaparse and jstat bundled). */
const entry = `
import { parseDataset, serializeDataset, mcNemarExact, meanWithInterval } from ${JSON.stringify(path.resolve(import.meta.dirname, "../index.ts"))};
try {
  const cases = parseDataset('__id,q,__expected\\nr1,"a, ""b""\\nc",contains: x\\n', { format: "csv", source: "upload.csv" });
  globalThis.cases = cases;
  globalThis.roundTrip = parseDataset(serializeDataset(cases, "jsonl"), { format: "jsonl" });
  globalThis.pValue = mcNemarExact(2, 8).pValue;
  globalThis.interval = meanWithInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
} catch (error) {
  globalThis.failure = String(error);
}
`;

describe("datasets and statistics in a browser", () => {
  it("bundle for the browser and run without Node globals", async () => {
    const sandbox = await runInBrowserSandbox(entry, import.meta.dirname);
    expect(sandbox.failure).toBeUndefined();
    const expected = [
      { id: "r1", variables: { q: 'a, "b"\nc' }, assertions: [{ type: "contains", value: "x" }] },
    ];
    expect(JSON.parse(JSON.stringify(sandbox.cases))).toEqual(expected);
    expect(JSON.parse(JSON.stringify(sandbox.roundTrip))).toEqual(expected);
    expect(sandbox.pValue).toBeCloseTo(0.109375, 10);
    expect((sandbox.interval as { low: number }).low).toBeCloseTo(3.33414, 4);
  }, 60_000);
});
