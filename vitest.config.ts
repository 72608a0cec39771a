import { defineConfig } from "vitest/config";

/**
 * Test files run at once. Vitest 4's default for `vitest run` is availableParallelism() - 1
 * (its code; its docs say "all available parallelism"): ONE worker on a 2-core CI machine,
 * which then sits idle while a file waits on a child process (the CLI suites), a server or
 * PostgreSQL. CI runs two; QUIRE_TEST_WORKERS sets another count (or a percentage) anywhere.
 */
function maxWorkers(): number | string | undefined {
  const configured = process.env.QUIRE_TEST_WORKERS;
  if (configured !== undefined && configured !== "") {
    return configured.endsWith("%") ? configured : Number(configured);
  }
  const inCi = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "false";
  return inCi ? 2 : undefined;
}

// Tests import workspace packages from their TypeScript sources (the "quire-source" export
// condition), so `npm test` needs no build step.
export default defineConfig({
  resolve: { conditions: ["quire-source"] },
  ssr: { resolve: { conditions: ["quire-source"] } },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      // Component tests of the web UI (each names its DOM environment in a comment).
      "packages/*/src/**/*.test.tsx",
      "packages/*/test/**/*.test.ts",
      "tests/**/*.test.ts",
    ],
    setupFiles: ["tests/setup/fast-check-seed.ts"],
    maxWorkers: maxWorkers(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
