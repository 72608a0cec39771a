import { isQuireError, QuireError } from "../errors/index.js";
import type { PromptContent } from "../prompts/prompt-content.js";
import { getTemplateEngine } from "../templates/get-template-engine.js";
import { sourceExcerpt } from "../templates/template-syntax-error.js";
import { inMessage } from "./composition-errors.js";
import type { ComponentReferenceSite } from "./reference-site.js";
import { blankRange } from "./source-offsets.js";

/**
 * Compiles each of the root's template strings with its references blanked out (inline ones
 * become spaces, a call's name a placeholder partial of the same length), so a syntax error in
 * the root is reported at its own line and column, before any component is looked up.
 */
export function checkReferencingTemplates(
  content: PromptContent,
  sites: readonly ComponentReferenceSite[],
  maxTemplateBytes: number,
): void {
  const engine = getTemplateEngine(content.engine);
  const check = (source: string, own: readonly ComponentReferenceSite[]) => {
    let blanked = source;
    const partials: Record<string, string> = {};
    for (const site of own) {
      if (site.form === "call") {
        blanked = blankRange(blanked, site.nameStart, site.nameEnd, "q");
        partials["q".repeat(site.nameEnd - site.nameStart)] = "";
      } else {
        blanked = blankRange(blanked, site.start, site.end);
      }
    }
    try {
      engine.compile(blanked, { partials, maxTemplateBytes });
    } catch (error) {
      if (!isQuireError(error) || typeof error.details.line !== "number") throw error;
      const { line, column } = error.details as { line: number; column: number };
      throw new QuireError(error.code, error.message, {
        details: { ...error.details, excerpt: sourceExcerpt(source, { line, column }) },
        cause: error.cause,
      });
    }
  };
  const { template } = content;
  if (typeof template === "string") {
    check(template, sites);
    return;
  }
  template.forEach((message, index) => {
    const own = sites.filter((site) => site.message === index);
    if (own.length === 0) return;
    try {
      check(message.content, own);
    } catch (error) {
      throw inMessage(error, index);
    }
  });
}
