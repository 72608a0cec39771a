import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

/**
 * The layers of DESIGN.md, checked on every test run: which workspace packages each package may
 * import (arrows point down only), no Node built-ins in `core` (it runs in the browser), and no
 * import cycles between files.
 */
const allowedImports: Record<string, string[]> = {
  core: [],
  store: ["core"],
  client: ["core"],
  llm: ["core"],
  engine: ["core", "llm"],
  server: ["core", "store", "llm", "engine"],
  cli: ["core", "client", "server", "engine", "llm"],
  web: ["core", "client"],
};

const root = path.resolve(import.meta.dirname, "../..");
const packagesRoot = path.join(root, "packages");

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.tsx?$/.test(entry) && !/\.d\.ts$/.test(entry)) files.push(full);
  }
  return files;
}

/** Import specifiers read by the TypeScript parser (static imports, re-exports, `import()`). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((reference) => reference.fileName);
}

const packageNames = readdirSync(packagesRoot).filter((name) =>
  statSync(path.join(packagesRoot, name, "src"), { throwIfNoEntry: false })?.isDirectory(),
);

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

describe("layer rules", () => {
  test("every package is placed in a layer", () => {
    for (const name of packageNames) expect(Object.keys(allowedImports)).toContain(name);
  });

  for (const name of packageNames) {
    test(`${name} imports only the packages below it`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(path.join(packagesRoot, name, "src"))) {
        // Tests and test support (src/testing/, excluded from the build) may use Node.
        if (
          /\.test\.tsx?$/.test(file) ||
          file.includes(`${path.sep}src${path.sep}testing${path.sep}`)
        ) {
          continue;
        }
        for (const specifier of importsOf(file)) {
          const match = /^@quire\/([^/]+)/.exec(specifier);
          if (match?.[1] !== undefined && !allowedImports[name]?.includes(match[1])) {
            violations.push(`${path.relative(root, file)} imports ${specifier}`);
          }
          if (name === "core" && nodeBuiltins.has(specifier)) {
            violations.push(`${path.relative(root, file)} imports Node built-in ${specifier}`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }
});

describe("import cycles", () => {
  test("no file imports itself through a chain of imports", () => {
    const graph = new Map<string, string[]>();
    for (const name of packageNames) {
      for (const file of sourceFiles(path.join(packagesRoot, name, "src"))) {
        const targets = importsOf(file)
          .filter((specifier) => specifier.startsWith("."))
          .map((specifier) => {
            // `./x.js` names x.ts or x.tsx (TypeScript's rule); `./x` (Vite) either, too.
            const target = path.resolve(path.dirname(file), specifier).replace(/\.jsx?$/, "");
            return (
              [".ts", ".tsx"].map((extension) => target + extension).find(existsSync) ?? target
            );
          });
        graph.set(file, targets);
      }
    }
    const cycles = stronglyConnectedComponents(graph).filter((component) => component.length > 1);
    expect(cycles.map((cycle) => cycle.map((file) => path.relative(root, file)))).toEqual([]);
  });
});

/** Tarjan's algorithm: the groups of files that import each other. */
function stronglyConnectedComponents(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    lowLink.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component);
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components;
}
