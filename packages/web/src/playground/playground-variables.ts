import {
  getTemplateEngine,
  type JsonSchema,
  type TemplateVariable,
  type Version,
} from "@quire/core";
import { mergeVariables } from "../editor/analyze-template.js";
import { schemaFromVariables } from "../editor/schema-from-variables.js";

/** The template texts of a version: the text, or each chat message's content. */
export function templateTexts(version: Pick<Version, "template">): string[] {
  return typeof version.template === "string"
    ? [version.template]
    : version.template.map((message) => message.content);
}

/**
 * The schema of the playground's variables form: the version's input schema when it has one,
 * else one field per variable its template reads (a template that does not parse gives none; the
 * server then answers with the syntax error at its line).
 */
export function variablesSchemaOf(
  version: Pick<Version, "template" | "engine" | "inputSchema">,
): JsonSchema {
  if (version.inputSchema !== null) return version.inputSchema;
  const engine = getTemplateEngine(version.engine);
  const lists: TemplateVariable[][] = [];
  for (const text of templateTexts(version)) {
    try {
      lists.push(engine.variables(text));
    } catch {
      // A syntax error: the run's answer says where.
    }
  }
  return schemaFromVariables(mergeVariables(lists));
}

/** The model a version asks for in its config (`config.model`), if any. */
export function configuredModelOf(version: Pick<Version, "config">): string | undefined {
  const model = version.config.model;
  return typeof model === "string" && model !== "" ? model : undefined;
}
