import type { EngineName, PromptContent } from "../prompts/prompt-content.js";
import { inMessage } from "./composition-errors.js";
import { handlebarsReferenceSites } from "./handlebars-reference-sites.js";
import { mustacheReferenceSites } from "./mustache-reference-sites.js";
import type { ComponentReferenceSite, ReferenceSite } from "./reference-site.js";
import { tagReferenceSites } from "./tag-reference-sites.js";

/**
 * The component references (`{{> name}}`, `{{> name@label}}`, `{{> name:version}}`) of one
 * template string, in order. Handlebars and Mustache read them as their partial tags, with
 * their own parsers; Jinja2 and Liquid as the same `{{> …}}` tag outside raw blocks and comments.
 * @throws QuireError("TEMPLATE_SYNTAX") naming the place of a malformed reference (or of a
 * Handlebars/Mustache syntax error met while reading them).
 */
export function templateReferenceSites(engine: EngineName, source: string): ReferenceSite[] {
  switch (engine) {
    case "handlebars":
      return handlebarsReferenceSites(source);
    case "mustache":
      return mustacheReferenceSites(source);
    case "jinja2":
    case "liquid":
      return tagReferenceSites(engine, source);
  }
}

/**
 * Every component reference of a version's template: of the string, or of each message of a
 * message list (with `message`, 0-based). A syntax error in a message says which one.
 */
export function findComponentReferences(
  content: Pick<PromptContent, "engine" | "template">,
): ComponentReferenceSite[] {
  const { engine, template } = content;
  if (typeof template === "string") return templateReferenceSites(engine, template);
  if (!Array.isArray(template)) return [];
  const sites: ComponentReferenceSite[] = [];
  template.forEach((message, index) => {
    if (typeof message?.content !== "string") return;
    let found: ReferenceSite[];
    try {
      found = templateReferenceSites(engine, message.content);
    } catch (error) {
      throw inMessage(error, index);
    }
    for (const site of found) sites.push({ ...site, message: index });
  });
  return sites;
}
