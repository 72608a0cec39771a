// Sums vitest JSON reports into the one closing line CI reads: "N passed, N failed, N skipped".
// A missing or unreadable report counts as one failure, so a crashed runner cannot look green.
import { readFileSync } from "node:fs";

/** " in N s": from the run's start to its last test file's end (what the runner printed as Duration). */
function wallTime(report) {
  const ends = (report.testResults ?? []).map((result) => result.endTime ?? 0);
  if (typeof report.startTime !== "number" || ends.length === 0) return "";
  return ` in ${Math.round((Math.max(...ends) - report.startTime) / 1000)} s`;
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A file that failed outside its tests (an import, a beforeAll) may report its tests as
    // skipped and none failed: each such file counts as one failure.
    const brokenFiles = (report.testResults ?? []).filter(
      (result) =>
        result.status === "failed" &&
        !(result.assertionResults ?? []).some((assertion) => assertion.status === "failed"),
    ).length;
    failed += brokenFiles;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) failed += 1;
    console.log(
      `${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed${brokenFiles === 0 ? "" : `, ${brokenFiles} file(s) failed outside their tests`}${wallTime(report)}`,
    );
  } catch (error) {
    console.log(`${file}: no readable report (${error.message})`);
    failed += 1;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
