import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const webPackage = fileURLToPath(new URL("../../../packages/web/", import.meta.url));
/** Where `npm run build` (run by `npm ci`'s prepare) puts the UI. */
export const webDistDirectory = join(webPackage, "dist");

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/** True when `dist/index.html` exists and is newer than every source file of the UI. */
export function webDistIsCurrent(): boolean {
  const built = join(webDistDirectory, "index.html");
  if (!existsSync(built)) return false;
  const sources = ["src", "index.html", "vite.config.ts", "package.json"]
    .map((name) => join(webPackage, name))
    .filter((path) => existsSync(path));
  return statSync(built).mtimeMs >= Math.max(...sources.map(newestChange));
}

export interface WebBuild {
  /** The folder to serve (`webDirectory` of startServer). */
  directory: string;
  /** How it was obtained, for the test log. */
  source: "npm run build" | "built for this run";
  close(): Promise<void>;
}

/**
 * The built UI for the browser tests: `packages/web/dist` when `npm run build` made it after the
 * last change to the UI's sources (as on a fresh clone after `npm ci`), else a build made now into
 * a temporary folder (a few seconds), so a stale or missing dist never tests old code and the
 * tests never write into the dist someone else is serving.
 */
export async function webBuildForTests(): Promise<WebBuild> {
  if (webDistIsCurrent()) {
    return { directory: webDistDirectory, source: "npm run build", close: async () => {} };
  }
  const directory = await mkdtemp(join(tmpdir(), "quire-web-build-"));
  // What `npm run build` makes. Vite takes NODE_ENV over the mode, and vitest sets it to
  // "test": left so, the tests would drive React's development build and development JSX
  // (StrictMode running every effect twice, other timings), not the UI people get.
  const nodeEnvironment = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    const { build } = await import("vite");
    await build({
      configFile: join(webPackage, "vite.config.ts"),
      root: webPackage,
      mode: "production",
      logLevel: "warn",
      build: { outDir: directory, emptyOutDir: true },
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw new Error(
      `Could not build the web UI for the browser tests (${String(error)}). Run \`npm run build\` and look at its errors.`,
      { cause: error },
    );
  } finally {
    if (nodeEnvironment === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnvironment;
  }
  return {
    directory,
    source: "built for this run",
    close: () => rm(directory, { recursive: true, force: true }),
  };
}
