import { readFileSync } from "node:fs";
import {
  type EngineName,
  isQuireError,
  type ParsedPromptFile,
  promptNameProblem,
  QuireError,
} from "@quire/core";
import { findPromptFiles } from "./find-prompt-files.js";
import {
  includedNames,
  type LocalComponent,
  localComponentContent,
  parseWithReferences,
  readLocalComponent,
} from "./local-components.js";
import {
  checkComposes,
  definitionOf,
  type PromptFileDefinition,
  partialNameOf,
  placedInFile,
  promptNameOf,
} from "./prompt-file-codec.js";

export interface LoadedPromptFile extends PromptFileDefinition {
  name: string;
  /** Path under the prompts folder, "/"-separated. */
  file: string;
  /** `component` for a `_name.prompt` partial, pushed as a prompt other prompts include. */
  kind: "prompt" | "component";
}

export interface LoadedPromptFolder {
  prompts: LoadedPromptFile[];
  /** Partials as components, in an order where each comes after the components it includes. */
  components: LoadedPromptFile[];
}

interface FileProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

interface ReadFile {
  name: string;
  file: string;
  shownFile: string;
  parsed: ParsedPromptFile;
  includes: string[];
}

/**
 * Reads and checks every `.prompt` file under `folder` before anything is sent: prompts, and
 * `_name.prompt` partials as components (`dir/_header.prompt` → `dir/header`). Each prompt and
 * component is compiled with the components it includes from this folder, as the server will.
 * A partial whose front matter names no engine takes the engine of the files that include it.
 * If any file is bad, one QuireError lists every bad file as `file:line:column: problem`.
 */
export function loadPromptFolder(folder: string, shownFolder: string): LoadedPromptFolder {
  const problems: FileProblem[] = [];
  const fileByName = new Map<string, string>();
  const prompts: ReadFile[] = [];
  const components = new Map<
    string,
    LocalComponent & { relativePath: string; includes: string[] }
  >();
  const fail = (shownFile: string, error: unknown) => {
    if (!isQuireError(error)) throw error;
    problems.push({
      file: shownFile,
      line: numberOrUndefined(error.details.line),
      column: numberOrUndefined(error.details.column),
      message: stripLocation(error.message, shownFile),
    });
  };

  for (const found of findPromptFiles(folder)) {
    const shownFile = joinShown(shownFolder, found.relativePath);
    try {
      const name = found.isPartial
        ? partialNameOf(found.relativePath)
        : promptNameOf(found.relativePath);
      const nameProblem = promptNameProblem(name);
      if (nameProblem !== undefined) {
        problems.push({
          file: shownFile,
          message: `its prompt name ${JSON.stringify(name)} ${nameProblem}; rename the file`,
        });
        continue;
      }
      const other = fileByName.get(name);
      if (other !== undefined) {
        problems.push({
          file: shownFile,
          message: `names the same prompt ${JSON.stringify(name)} as ${other}`,
        });
        continue;
      }
      fileByName.set(name, shownFile);
      const source = readFileSync(found.path, "utf8");
      if (found.isPartial) {
        const component = readLocalComponent(name, source, shownFile);
        components.set(name, {
          ...component,
          relativePath: found.relativePath,
          includes: includedNames(component.parsed),
        });
      } else {
        const parsed = parseWithReferences(source, shownFile);
        prompts.push({
          name,
          file: found.relativePath,
          shownFile,
          parsed,
          includes: includedNames(parsed),
        });
      }
    } catch (error) {
      fail(shownFile, error);
    }
  }

  const engines = componentEngines(prompts, [...components.values()], problems);
  const loadedPrompts: LoadedPromptFile[] = [];
  for (const prompt of prompts) {
    try {
      checkComposes(prompt.name, prompt.parsed, components);
      loadedPrompts.push({
        ...definitionOf(prompt.parsed),
        name: prompt.name,
        file: prompt.file,
        kind: "prompt",
      });
    } catch (error) {
      fail(prompt.shownFile, placedInFile(error, prompt.parsed, prompt.shownFile));
    }
  }
  const loadedComponents = new Map<string, LoadedPromptFile>();
  for (const component of components.values()) {
    const content = localComponentContent(component, engines.get(component.name) ?? "handlebars");
    try {
      checkComposes(component.name, content, components);
      loadedComponents.set(component.name, {
        ...definitionOf(component.parsed, content),
        name: component.name,
        file: component.relativePath,
        kind: "component",
      });
    } catch (error) {
      fail(component.file, placedInFile(error, component.parsed, component.file));
    }
  }

  if (problems.length > 0) {
    const lines = problems.map(
      (problem) =>
        `  ${problem.file}${problem.line === undefined ? "" : `:${problem.line}`}${problem.column === undefined ? "" : `:${problem.column}`}: ${problem.message.replaceAll("\n", "\n    ")}`,
    );
    throw new QuireError(
      "VALIDATION_FAILED",
      `${problems.length} prompt file${problems.length === 1 ? " has" : "s have"} errors; nothing was sent:\n${lines.join("\n")}`,
      { details: { problems } },
    );
  }
  const includes = new Map(
    [...components.values()].map((component) => [component.name, component.includes]),
  );
  return {
    prompts: loadedPrompts,
    components: dependencyOrder([...loadedComponents.values()], includes),
  };
}

/**
 * The engine of each partial: its own when its front matter names one; else the one engine of
 * the files that include it (Handlebars when none does). Included from files in several
 * engines, it must name its engine: that is a problem.
 */
function componentEngines(
  prompts: readonly ReadFile[],
  components: readonly (LocalComponent & { includes: string[] })[],
  problems: FileProblem[],
): Map<string, EngineName> {
  const engines = new Map<string, EngineName>();
  for (const component of components) {
    if (component.explicitEngine) engines.set(component.name, component.parsed.engine);
  }
  const includers = [
    ...prompts.map((prompt) => ({
      name: prompt.name,
      engine: prompt.parsed.engine as EngineName | undefined,
      includes: prompt.includes,
    })),
    ...components.map((component) => ({
      name: component.name,
      engine: undefined,
      includes: component.includes,
    })),
  ];
  for (let round = 0; round <= components.length; round++) {
    let changed = false;
    for (const component of components) {
      if (engines.has(component.name)) continue;
      const seen = new Set<EngineName>();
      for (const includer of includers) {
        const engine = includer.engine ?? engines.get(includer.name);
        if (engine !== undefined && includer.includes.includes(component.name)) seen.add(engine);
      }
      if (seen.size > 1) {
        problems.push({
          file: component.file,
          message: `is included by prompts in several engines (${[...seen].join(", ")}); name its engine in its front matter (engine: …), or split it per engine`,
        });
        engines.set(component.name, "handlebars");
      } else if (seen.size === 1) {
        engines.set(component.name, [...seen][0] ?? "handlebars");
      } else continue;
      changed = true;
    }
    if (!changed) break;
  }
  return engines;
}

/** Components ordered so that each comes after the local components it includes. */
function dependencyOrder(
  components: readonly LoadedPromptFile[],
  includes: ReadonlyMap<string, readonly string[]>,
): LoadedPromptFile[] {
  const byName = new Map(components.map((component) => [component.name, component]));
  const ordered: LoadedPromptFile[] = [];
  const placed = new Set<string>();
  const place = (component: LoadedPromptFile, path: Set<string>) => {
    if (placed.has(component.name) || path.has(component.name)) return;
    path.add(component.name);
    for (const name of includes.get(component.name) ?? []) {
      const dependency = byName.get(name);
      if (dependency !== undefined) place(dependency, path);
    }
    placed.add(component.name);
    ordered.push(component);
  };
  for (const component of components) place(component, new Set());
  return ordered;
}

function joinShown(folder: string, relativePath: string): string {
  return folder === "" || folder === "."
    ? relativePath
    : `${folder.replace(/\/+$/, "")}/${relativePath}`;
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Messages that already start with the file's name would name it twice. */
function stripLocation(message: string, file: string): string {
  return message.startsWith(file)
    ? message.slice(file.length).replace(/^(:\d+)*:?\s*/, "")
    : message;
}
