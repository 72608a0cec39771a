import { QuireError } from "../errors/index.js";
import { type EngineName, engineNames } from "../prompts/prompt-content.js";
import { handlebarsEngine } from "./engines/handlebars-engine.js";
import { liquidEngine } from "./engines/liquid-engine.js";
import { mustacheEngine } from "./engines/mustache-engine.js";
import { nunjucksEngine } from "./engines/nunjucks-engine.js";
import type { TemplateEngine } from "./template-engine.js";

const enginesByName: Record<EngineName, TemplateEngine> = {
  handlebars: handlebarsEngine,
  jinja2: nunjucksEngine,
  liquid: liquidEngine,
  mustache: mustacheEngine,
};

/** The engine for a name; an unknown name is refused with VALIDATION_FAILED listing the engines. */
export function getTemplateEngine(name: EngineName): TemplateEngine {
  const engine = Object.hasOwn(enginesByName, name) ? enginesByName[name] : undefined;
  if (engine === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Unknown template engine "${String(name)}"; use one of ${engineNames.join(", ")}`,
      { details: { engine: name, engines: [...engineNames] } },
    );
  }
  return engine;
}
