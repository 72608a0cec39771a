/** Test support (excluded from the build): run core bundled for a browser, without Node's globals. */
import vm from "node:vm";
import { build } from "esbuild";

/**
 * Bundles `entry` (TypeScript source, imports resolved from `resolveDir`) for the browser as one
 * script and runs it in a context holding only browser-like globals: no process, require or
 * Buffer. Returns that context, so a test reads what the script left on `globalThis`.
 */
export async function runInBrowserSandbox(
  entry: string,
  resolveDir: string,
): Promise<Record<string, unknown>> {
  const bundle = await build({
    stdin: { contents: entry, loader: "ts", resolveDir },
    bundle: true,
    platform: "browser",
    format: "iife",
    conditions: ["quire-source"],
    write: false,
    logLevel: "silent",
  });
  const code = bundle.outputFiles[0]?.text ?? "";
  const sandbox: Record<string, unknown> = {
    console,
    TextEncoder,
    TextDecoder,
    URL,
    setTimeout,
    clearTimeout,
    queueMicrotask,
  };
  sandbox.globalThis = sandbox;
  sandbox.window = sandbox;
  sandbox.self = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(code, sandbox);
  return sandbox;
}
