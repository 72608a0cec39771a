import { defineConfig } from "vitest/config";

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
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
