import type Mustache from "mustache";
import { activeBudget, enterBudget, leaveBudget, RenderBudget } from "../render-budget.js";
import { resolveRenderLimits } from "../render-limits.js";
import type {
  CompiledTemplate,
  CompileTemplateOptions,
  TemplateEngine,
} from "../template-engine.js";
import { templateRenderError } from "../template-render-error.js";
import { assertTemplateSourceSize } from "../template-size.js";
import { GuardedWriter } from "./mustache-guarded-writer.js";
import { OwnPropertyContext } from "./mustache-own-property-context.js";
import { type MustacheToken, parseMustache } from "./mustache-parse.js";
import { mustacheVariables } from "./mustache-variables.js";

/** Prompts are not HTML: values go in as they are, for this call only (Mustache.escape is left
 * alone for everyone else). */
const noEscaping: Mustache.RenderOptions = { escape: (value: unknown) => String(value) };

/** How many indented copies of partials to parse up front (recursive partials indent without end). */
const maxPreparedPartials = 200;

/**
 * Parses every partial the way rendering will ask for it (a standalone partial tag indents the
 * partial's lines), so the writer's cache already holds them and rendering never parses.
 */
function preparePartials(
  writer: Mustache.Writer,
  tokens: MustacheToken[],
  partials: Record<string, string>,
  seen: Set<string>,
): void {
  for (const token of tokens) {
    if (token[0] === "#" || token[0] === "^") {
      preparePartials(writer, (token[4] as MustacheToken[] | undefined) ?? [], partials, seen);
    }
    if (token[0] !== ">" || !Object.hasOwn(partials, token[1])) continue;
    const source = partials[token[1]] ?? "";
    const indentation = token[4] as string | undefined;
    const standalone = token[5] === 0 && indentation !== undefined && indentation !== "";
    const indented = standalone
      ? (
          writer as unknown as {
            indentPartial(text: string, indent: string, nonSpace: boolean): string;
          }
        ).indentPartial(source, indentation, Boolean(token[6]))
      : source;
    if (seen.has(indented) || seen.size >= maxPreparedPartials) continue;
    seen.add(indented);
    preparePartials(writer, parseMustache(writer, indented, token[1]), partials, seen);
  }
}

function compileMustache(source: string, options: CompileTemplateOptions = {}): CompiledTemplate {
  assertTemplateSourceSize(source, options.maxTemplateBytes);
  const limits = resolveRenderLimits(options.renderLimits);
  const partials: Record<string, string> = Object.create(null);
  for (const [name, text] of Object.entries(options.partials ?? {})) {
    assertTemplateSourceSize(text, options.maxTemplateBytes, `Partial "${name}"`);
    partials[name] = text;
  }
  // A writer of its own: its cache holds this template and its partials only.
  const writer = new GuardedWriter();
  for (const [name, text] of Object.entries(partials)) parseMustache(writer, text, name);
  const tokens = parseMustache(writer, source);
  preparePartials(writer, tokens, partials, new Set());
  return (variables) => {
    // A render that is part of a larger one (a chat prompt's messages) shares its budget.
    const budget = activeBudget() ?? new RenderBudget("mustache", limits);
    const previous = enterBudget(budget);
    let output: string;
    try {
      const context = new OwnPropertyContext(variables);
      output = writer.renderTokens(
        tokens as unknown as string[][],
        context,
        partials,
        source,
        noEscaping,
      );
    } catch (error) {
      throw budget.failure(error) ?? templateRenderError("mustache", error);
    } finally {
      leaveBudget(previous);
    }
    return budget.finalOutput(output);
  };
}

/** Mustache, without HTML escaping. */
export const mustacheEngine: TemplateEngine = {
  name: "mustache",
  variables(source, options = {}) {
    assertTemplateSourceSize(source, options.maxTemplateBytes);
    return mustacheVariables(source, options.partials);
  },
  compile: compileMustache,
};
