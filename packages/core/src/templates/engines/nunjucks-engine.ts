import nunjucks from "nunjucks";
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
import { compileGuardedTemplate } from "./nunjucks-guarded-compiler.js";
import { guardedRange, nunjucksGuardedFilters } from "./nunjucks-guarded-filters.js";
import type { NunjucksNode, NunjucksTemplate } from "./nunjucks-internals.js";
import { nunjucksSyntaxError, parseNunjucks } from "./nunjucks-parse.js";
import { safeNunjucksRuntime } from "./nunjucks-safe-runtime.js";
import { nunjucksVariables } from "./nunjucks-variables.js";

interface EnvironmentTables {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
  loaders: { cache: Record<string, unknown> }[];
}

/** An environment of its own per compiled template: no autoescape (prompts are not HTML), no
 * file system, filters and tests in prototype-less tables (so `| constructor` is unknown),
 * filters and `range` guarded by the render budget. */
function createEnvironment(): nunjucks.Environment & EnvironmentTables {
  const loader = { async: false, getSource: () => null };
  const environment = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, {
    autoescape: false,
    throwOnUndefined: false,
    // Keeps what the compiled code threw as the cause of the error nunjucks throws (without it,
    // nunjucks replaces the error by a plain one with the message only).
    dev: true,
  }) as nunjucks.Environment & EnvironmentTables;
  environment.filters = Object.assign(Object.create(null), nunjucksGuardedFilters());
  environment.tests = Object.assign(Object.create(null), environment.tests);
  const range = environment.globals.range as Parameters<typeof guardedRange>[0];
  environment.globals = Object.assign(Object.create(null), environment.globals, {
    range: guardedRange(range),
  });
  for (const entry of environment.loaders) entry.cache = Object.create(null);
  return environment;
}

/** Refuses, with their place, filters and tests that do not exist and partials not given. */
function assertKnownNames(
  tree: NunjucksNode,
  source: string,
  environment: EnvironmentTables,
  partials: Record<string, string>,
  partial: string | undefined,
): void {
  const fail = (node: NunjucksNode, reason: string) =>
    templateSyntaxError(
      "jinja2",
      source,
      { line: node.lineno + 1, column: node.colno + 1 },
      reason,
      partial === undefined ? {} : { partial },
    );
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const child of value) visit(child);
      return;
    }
    if (value === null || typeof value !== "object" || !("typename" in value)) return;
    const node = value as NunjucksNode;
    if (node.typename === "Literal" && node.value instanceof RegExp) {
      throw fail(
        node,
        "regular expressions (r/…/) are not allowed: a crafted pattern or input can take exponential time that no limit can interrupt; use the replace filter with plain text",
      );
    }
    const name = node.name as NunjucksNode | undefined;
    if ((node.typename === "Filter" || node.typename === "FilterAsync") && name !== undefined) {
      if (!Object.hasOwn(environment.filters, String(name.value))) {
        throw fail(name, `unknown filter "${String(name.value)}"`);
      }
    }
    if (node.typename === "Is") {
      const test = node.right as NunjucksNode;
      const testName = test.typename === "FunCall" ? (test.name as NunjucksNode) : test;
      if (
        testName.typename === "Symbol" &&
        !Object.hasOwn(environment.tests, String(testName.value))
      ) {
        throw fail(testName, `unknown test "${String(testName.value)}"`);
      }
    }
    const template = node.template as NunjucksNode | undefined;
    const named = ["Include", "Import", "FromImport", "Extends"].includes(node.typename);
    if (named && template?.typename === "Literal" && node.ignoreMissing !== true) {
      if (!Object.hasOwn(partials, String(template.value))) {
        throw fail(
          template,
          `partial "${String(template.value)}" is not defined; pass it in the partials`,
        );
      }
    }
    for (const field of node.fields) visit(node[field]);
  };
  visit(tree);
}

/** Compiles now, with the budget's hooks, and makes the compiled code use the safe runtime. */
function compileTemplate(
  tree: NunjucksNode,
  source: string,
  environment: nunjucks.Environment,
  name: string | undefined,
): NunjucksTemplate {
  let template: NunjucksTemplate;
  try {
    template = compileGuardedTemplate(tree, environment, name);
  } catch (error) {
    throw nunjucksSyntaxError(source, error, name);
  }
  const render = template.rootRenderFunc;
  // Every render of a template (the main one, each include) is one level of nesting.
  template.rootRenderFunc = (environmentArgument, context, frame, _runtime, callback) => {
    const budget = activeBudget();
    budget?.enter();
    try {
      render(environmentArgument, context, frame, safeNunjucksRuntime, callback);
    } finally {
      budget?.leave();
    }
  };
  return template;
}

/** What the compiled code threw, out of the TemplateErrors nunjucks wraps it in. */
function innermostCause(error: unknown): unknown {
  let cause = error;
  for (let depth = 0; depth < 100; depth++) {
    const next = (cause as { cause?: unknown } | null)?.cause;
    if (next === undefined || next === null) break;
    cause = next;
  }
  return cause;
}

/** nunjucks prefixes render errors with "(path) [Line l, Column c]" and the error's class. */
function nunjucksRenderError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  const place = /^\([^)]*\)(?: \[Line (\d+), Column (\d+)\])?\s*/.exec(message);
  const reason = message.slice(place?.[0].length ?? 0).replace(/^(?:Type)?Error: /, "");
  const details =
    place?.[1] === undefined ? {} : { line: Number(place[1]), column: Number(place[2]) };
  return templateRenderError("jinja2", error, reason, details);
}

function compileNunjucks(source: string, options: CompileTemplateOptions = {}): CompiledTemplate {
  const partials = options.partials ?? {};
  assertTemplateSourceSize(source, options.maxTemplateBytes);
  const limits = resolveRenderLimits(options.renderLimits);
  const environment = createEnvironment();
  const sources: [string | undefined, string][] = [
    [undefined, source],
    ...Object.entries(partials),
  ];
  const trees = new Map<string | undefined, NunjucksNode>();
  for (const [name, text] of sources) {
    if (name !== undefined)
      assertTemplateSourceSize(text, options.maxTemplateBytes, `Partial "${name}"`);
    const tree = parseNunjucks(text, name);
    assertKnownNames(tree, text, environment, partials, name);
    trees.set(name, tree);
  }
  const cache = environment.loaders[0]?.cache ?? {};
  let template: NunjucksTemplate | undefined;
  for (const [name, text] of sources) {
    const tree = trees.get(name) as NunjucksNode;
    const compiled = compileTemplate(tree, text, environment, name);
    if (name === undefined) template = compiled;
    else cache[name] = compiled;
  }
  const main = template as NunjucksTemplate;
  return (variables) => {
    // A render that is part of a larger one (a chat prompt's messages) shares its budget.
    const budget = activeBudget() ?? new RenderBudget("jinja2", limits);
    const previous = enterBudget(budget);
    let output: string;
    try {
      output = main.render(variables);
    } catch (error) {
      throw budget.failure(innermostCause(error)) ?? nunjucksRenderError(error);
    } finally {
      leaveBudget(previous);
    }
    return budget.finalOutput(output);
  };
}

/** Jinja2 syntax, rendered by nunjucks. */
export const nunjucksEngine: TemplateEngine = {
  name: "jinja2",
  variables(source, options = {}) {
    assertTemplateSourceSize(source, options.maxTemplateBytes);
    return nunjucksVariables(source, options.partials);
  },
  compile: compileNunjucks,
};
