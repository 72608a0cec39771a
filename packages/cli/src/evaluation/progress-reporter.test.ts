import { describe, expect, test } from "vitest";
import { createProgressReporter } from "./progress-reporter.js";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, columns: 100, write: (text: string) => writes.push(text) };
}

const step = (done: number, total = 20) => ({ total, done, passed: done, failed: 0, errored: 0 });

describe("eval progress", () => {
  test("not a terminal: one plain line per tenth of the run, never a carriage return", () => {
    const output = stream(false);
    const reporter = createProgressReporter(output, {});
    for (let done = 0; done <= 20; done += 1) reporter.update(step(done));
    reporter.finish();
    expect(output.writes).toHaveLength(11);
    expect(output.writes[10]).toBe("progress: 20/20 cells (20 passed, 0 failed, 0 errored)\n");
    expect(output.writes.join("")).not.toContain("\r");
  });

  test("a terminal: a bar redrawn in place, cleared at the end", () => {
    const output = stream(true);
    const reporter = createProgressReporter(output, { NO_COLOR: "1" });
    reporter.update(step(0));
    reporter.update(step(20));
    reporter.finish();
    const clearLine = "\r\u001b[2K";
    expect(output.writes[0]?.startsWith(clearLine)).toBe(true);
    expect(output.writes[0]?.slice(clearLine.length)).toMatch(/^░+ 0\/20 cells/);
    expect(output.writes[1]?.slice(clearLine.length)).toMatch(/^█+ 20\/20 cells \(20 passed/);
    expect(output.writes.at(-1)).toBe(clearLine);
  });

  test("quiet, or a dumb terminal treated as a log", () => {
    const quiet = stream(true);
    const reporter = createProgressReporter(quiet, {}, { quiet: true });
    reporter.update(step(5));
    expect(quiet.writes).toEqual([]);
    const dumb = stream(true);
    createProgressReporter(dumb, { TERM: "dumb" }).update(step(5));
    expect(dumb.writes).toEqual(["progress: 5/20 cells (5 passed, 0 failed, 0 errored)\n"]);
  });
});
