import type { EngineName } from "../prompts/prompt-content.js";

/** How each engine is named in messages people read. */
export const engineDisplayNames: Record<EngineName, string> = {
  handlebars: "Handlebars",
  jinja2: "Jinja2",
  liquid: "Liquid",
  mustache: "Mustache",
};
