import { type Liquid, type LiquidOptions, type Template, toValueSync } from "liquidjs";
import { activeBudget, enterBudget, leaveBudget, RenderBudget } from "../render-budget.js";
import { resolveRenderLimits } from "../render-limits.js";
import type {
  CompiledTemplate,
  CompileTemplateOptions,
  TemplateEngine,
} from "../template-engine.js";
import { templateRenderError } from "../template-render-error.js";
import { assertTemplateSourceSize } from "../template-size.js";
import { templateSyntaxError } from "../template-syntax-error.js";
import {
  createLiquid,
  liquidErrorPosition,
  liquidErrorReason,
  parseLiquid,
} from "./liquid-parse.js";
import {
  collectLoopBodies,
  guardLiquidRenderer,
  liquidRenderContext,
} from "./liquid-render-guards.js";
import { liquidVariables } from "./liquid-variables.js";

/** liquidjs' cache interface, backed by a Map we fill with the parsed partials up front. */
class PartialCache {
  private readonly entries = new Map<string, unknown>();
  read(key: string): unknown {
    return this.entries.get(key);
  }
  write(key: string, value: unknown): void {
    this.entries.set(key, value);
  }
  remove(key: string): void {
    this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
}

interface PartialTag {
  token: { getPosition(): [number, number] };
  partialScope?(): { name: string } | undefined;
  children?(partials: boolean, sync: boolean): Generator<unknown, Template[]>;
}

/** Refuses, with its place, a partial rendered or included by a fixed name but not given. */
function assertPartialsDefined(
  templates: Template[],
  source: string,
  partials: Record<string, string>,
  partial: string | undefined,
): void {
  for (const template of templates as unknown as PartialTag[]) {
    const name = template.partialScope?.()?.name;
    if (name !== undefined && !Object.hasOwn(partials, name)) {
      const [line, column] = template.token.getPosition();
      throw templateSyntaxError(
        "liquid",
        source,
        { line, column },
        `partial "${name}" is not defined; pass it in the partials`,
        partial === undefined ? {} : { partial },
      );
    }
    if (template.children !== undefined) {
      const children = toValueSync(template.children(false, true)) as Template[];
      assertPartialsDefined(children, source, partials, partial);
    }
  }
}

function compileLiquid(source: string, options: CompileTemplateOptions = {}): CompiledTemplate {
  const partials = options.partials ?? {};
  assertTemplateSourceSize(source, options.maxTemplateBytes);
  const limits = resolveRenderLimits(options.renderLimits);
  const cache = new PartialCache();
  const liquid: Liquid = createLiquid(partials, cache as unknown as LiquidOptions["cache"]);
  const blocks = { loopBodies: new WeakSet<object>(), partials: new WeakSet<object>() };
  guardLiquidRenderer(liquid, blocks);
  for (const [name, text] of Object.entries(partials)) {
    assertTemplateSourceSize(text, options.maxTemplateBytes, `Partial "${name}"`);
    const parsed = parseLiquid(liquid, text, name);
    assertPartialsDefined(parsed, text, partials, name);
    collectLoopBodies(parsed, blocks.loopBodies);
    blocks.partials.add(parsed);
    // The keys liquidjs reads its cache with, so rendering never parses a partial again.
    cache.write(`partials:${name}`, parsed);
    cache.write(`layouts:${name}`, parsed);
  }
  const templates = parseLiquid(liquid, source);
  assertPartialsDefined(templates, source, partials, undefined);
  collectLoopBodies(templates, blocks.loopBodies);
  return (variables) => {
    // A render that is part of a larger one (a chat prompt's messages) shares its budget.
    const budget = activeBudget() ?? new RenderBudget("liquid", limits);
    const previous = enterBudget(budget);
    let output: string;
    try {
      // increment/decrement write counters into the scope object: give them a copy.
      const context = liquidRenderContext(liquid, { ...variables }, budget);
      // What liquid.renderSync does, with this context.
      output = toValueSync(liquid.renderer.renderTemplates(templates, context)) as string;
    } catch (error) {
      const cause = (error as { originalError?: unknown } | null)?.originalError;
      const limit = budget.failure(error) ?? budget.failure(cause);
      if (limit !== undefined) throw limit;
      const position = liquidErrorPosition(error);
      const details = position === undefined ? {} : { ...position };
      throw templateRenderError("liquid", error, liquidErrorReason(error), details);
    } finally {
      leaveBudget(previous);
    }
    return budget.finalOutput(output);
  };
}

/** Liquid, rendered by liquidjs. */
export const liquidEngine: TemplateEngine = {
  name: "liquid",
  variables(source, options = {}) {
    assertTemplateSourceSize(source, options.maxTemplateBytes);
    return liquidVariables(source, options.partials);
  },
  compile: compileLiquid,
};
