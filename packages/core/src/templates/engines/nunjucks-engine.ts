import nunjucks from "nunjucks";
import type {
  CompiledTemplate,
  CompileTemplateOptions,
  TemplateEngine,
} from "../template-engine.js";
import { templateRenderError } from "../template-render-error.js";
import { assertTemplateSourceSize } from "../template-size.js";
import { templateSyntaxError } from "../template-syntax-error.js";
import type { NunjucksNode, NunjucksTemplate } from "./nunjucks-internals.js";
import { nunjucksSyntaxError, parseNunjucks } from "./nunjucks-parse.js";
import { safeNunjucksRuntime } from "./nunjucks-safe-runtime.js";
import { nunjucksVariables } from "./nunjucks-variables.js";

interface EnvironmentTables {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  loaders: { cache: Record<string, unknown> }[];
}

/** An environment of its own per compiled template: no autoescape (prompts are not HTML), no
 * file system, filters and tests in prototype-less tables (so `| constructor` is unknown). */
function createEnvironment(): nunjucks.Environment & EnvironmentTables {
  const loader = { async: false, getSource: () => null };
  const environment = new nunjucks.Environment(loader as unknown as nunjucks.ILoader, {
    autoescape: false,
    throwOnUndefined: false,
  }) as nunjucks.Environment & EnvironmentTables;
  environment.filters = Object.assign(Object.create(null), environment.filters);
  environment.tests = Object.assign(Object.create(null), environment.tests);
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

/** Compiles now, and makes the compiled code use the runtime with safe lookups. */
function compileTemplate(
  source: string,
  environment: nunjucks.Environment,
  name: string | undefined,
): NunjucksTemplate {
  let template: NunjucksTemplate;
  try {
    template = new nunjucks.Template(source, environment, name, true) as NunjucksTemplate;
  } catch (error) {
    throw nunjucksSyntaxError(source, error, name);
  }
  const render = template.rootRenderFunc;
  template.rootRenderFunc = (environmentArgument, context, frame, _runtime, callback) =>
    render(environmentArgument, context, frame, safeNunjucksRuntime, callback);
  return template;
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
  const environment = createEnvironment();
  const sources: [string | undefined, string][] = [
    [undefined, source],
    ...Object.entries(partials),
  ];
  for (const [name, text] of sources) {
    if (name !== undefined)
      assertTemplateSourceSize(text, options.maxTemplateBytes, `Partial "${name}"`);
    assertKnownNames(parseNunjucks(text, name), text, environment, partials, name);
  }
  const cache = environment.loaders[0]?.cache ?? {};
  for (const [name, text] of Object.entries(partials)) {
    cache[name] = compileTemplate(text, environment, name);
  }
  const template = compileTemplate(source, environment, undefined);
  return (variables) => {
    try {
      return template.render(variables);
    } catch (error) {
      throw nunjucksRenderError(error);
    }
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
