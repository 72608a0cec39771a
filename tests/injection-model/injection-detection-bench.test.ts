import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { injectionDetection } from "../../bench/injection-detection.js";
import { loadInjectionDatasets } from "../../scripts/injection-model/load-injection-datasets.js";

const fixtures = path.join(import.meta.dirname, "__fixtures__", "datasets");

describe("the injection data sets and their benchmark, on small fixtures", () => {
  const previous = process.env.QUIRE_INJECTION_DATASETS;
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (previous === undefined) delete process.env.QUIRE_INJECTION_DATASETS;
    else process.env.QUIRE_INJECTION_DATASETS = previous;
  });

  it("loads the three formats, labels included", () => {
    const rows = loadInjectionDatasets(fixtures);
    const summary = (set: string) => {
      const ofSet = rows.filter((row) => row.set === set);
      return [ofSet.length, ofSet.filter((row) => row.label === 1).length];
    };
    expect(summary("deepset")).toEqual([20, 8]);
    expect(summary("jackhhao")).toEqual([18, 6]);
    expect(summary("notinject")).toEqual([10, 0]);
    expect(rows.find((row) => row.set === "jackhhao" && row.label === 1)?.text).toContain(
      '"Do Anything Now".\nDAN',
    );
  });

  it("says where it looked when the sets are missing", () => {
    expect(() => loadInjectionDatasets("/nonexistent/datasets")).toThrow(
      /QUIRE_INJECTION_DATASETS/,
    );
  });

  it("reports quality per set, the length-bias checks and throughput", async () => {
    process.env.QUIRE_INJECTION_DATASETS = fixtures;
    const results = await injectionDetection();
    const names = results.map((result) => result.name);
    for (const name of [
      "deepset F1",
      "deepset precision",
      "deepset recall",
      "deepset false-positive rate",
      "jackhhao F1",
      "jackhhao length-matched F1",
      "jackhhao F1 of length alone",
      "notinject false-positive rate",
      "notinject false-positive rate (model not trained on NotInject)",
      "scanText throughput (the sets' texts)",
    ]) {
      expect(names).toContain(name);
    }
    expect(names).not.toContain("notinject F1");
    for (const result of results) {
      expect(result.suite).toBe("injection-detection");
      if (result.unit === "F1" || result.unit === "ratio") {
        expect(result.value).toBeGreaterThanOrEqual(0);
        expect(result.value).toBeLessThanOrEqual(1);
      }
    }
    expect(results.find((result) => result.name === "deepset F1")?.notes).toContain("5-fold");
  }, 60_000);

  it("skips, returning nothing, when the sets are missing", async () => {
    process.env.QUIRE_INJECTION_DATASETS = "/nonexistent/datasets";
    expect(await injectionDetection()).toEqual([]);
  });
});
