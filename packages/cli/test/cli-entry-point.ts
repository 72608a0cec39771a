import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The packages the CLI's compiled `dist/main.js` loads from their own `dist/`. */
const builtPackages = ["core", "llm", "engine", "store", "client", "server", "cli"] as const;

const packagesFolder = fileURLToPath(new URL("../../", import.meta.url));

/**
 * How a test starts the real `quire` in a child process: the node arguments before the CLI's
 * own. The compiled `packages/cli/dist/main.js` when every workspace package's `dist/` is newer
 * than its sources (so it is exactly the code under test: a fresh clone after `npm ci`, which
 * builds), else `src/main.ts` through the tsx loader. Each spawn from dist starts in about half
 * the time (no TypeScript loader, no transform-cache look-ups for ~500 modules), and the CLI
 * suites spawn ~150 commands. QUIRE_TEST_CLI=source (or =dist) forces one.
 */
export function cliEntryPoint(): readonly string[] {
  const forced = process.env.QUIRE_TEST_CLI;
  const fromDist = forced === "dist" || (forced !== "source" && builtOutputIsFresh());
  if (fromDist) return [path.join(packagesFolder, "cli", "dist", "main.js")];
  return [
    "--conditions=quire-source",
    "--import",
    import.meta.resolve("tsx"),
    path.join(packagesFolder, "cli", "src", "main.ts"),
  ];
}

/** Whether each compiled source file of the CLI's packages has a `.js` at least as new. */
function builtOutputIsFresh(): boolean {
  for (const name of builtPackages) {
    const source = path.join(packagesFolder, name, "src");
    const output = path.join(packagesFolder, name, "dist");
    if (!existsSync(output)) return false;
    for (const relative of compiledSources(source, "")) {
      const built = path.join(output, relative.replace(/\.ts$/, ".js"));
      if (!existsSync(built)) return false;
      if (statSync(built).mtimeMs < statSync(path.join(source, relative)).mtimeMs) return false;
    }
  }
  return true;
}

/** `.ts` files under `folder` that tsconfig.build.json compiles (no tests, fixtures, testing/). */
function* compiledSources(folder: string, prefix: string): Generator<string> {
  for (const entry of readdirSync(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "__fixtures__" || (prefix === "" && entry.name === "testing")) continue;
      yield* compiledSources(folder, relative);
    } else if (
      entry.name.endsWith(".ts") &&
      !entry.name.endsWith(".test.ts") &&
      !entry.name.endsWith(".d.ts")
    ) {
      yield relative;
    }
  }
}
