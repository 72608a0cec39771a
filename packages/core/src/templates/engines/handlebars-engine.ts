import { QuireError } from "../../errors/index.js";
import { activeBudget, enterBudget, leaveBudget, RenderBudget } from "../render-budget.js";
import { resolveRenderLimits } from "../render-limits.js";
import type {
  CompiledTemplate,
  CompileTemplateOptions,
  TemplateEngine,
} from "../template-engine.js";
import { templateRenderError } from "../template-render-error.js";
import { assertTemplateSourceSize } from "../template-size.js";
import { findHelperMisuse } from "./handlebars-helper-arguments.js";
import type { HandlebarsTemplateFunction, PreparedRuntimeOptions } from "./handlebars-internals.js";
import { handlebarsSyntaxError, parseHandlebars } from "./handlebars-parse.js";
import { countedPartial } from "./handlebars-render-guards.js";
import { type HandlebarsSetup, handlebarsSetup } from "./handlebars-setup.js";
import { handlebarsVariables } from "./handlebars-variables.js";

/** Compiles an AST now (Handlebars.compile would wait for the first render). */
function compileProgram(
  setup: HandlebarsSetup,
  program: hbs.AST.Program,
  source: string,
  partial: string | undefined,
): HandlebarsTemplateFunction {
  // The compiler writes into its options, so each compile gets its own copy.
  const options = { ...setup.compileOptions };
  try {
    const environment = new setup.internals.Compiler().compile(program, options);
    const specification = new setup.internals.JavaScriptCompiler().compile(
      environment,
      options,
      undefined,
      true,
    );
    return setup.internals.template(specification);
  } catch (error) {
    throw handlebarsSyntaxError(setup, source, error, partial);
  }
}

interface PartialReferences {
  /** Partials included by a fixed name ({{> name}}), with their node for the error's place. */
  included: { name: string; node: hbs.AST.Node }[];
  /** Inline partials the template defines ({{#*inline "name"}}) for itself and its partials. */
  inline: string[];
}

function partialReferences(program: hbs.AST.Program): PartialReferences {
  const references: PartialReferences = { included: [], inline: [] };
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as {
      type?: string;
      name?: hbs.AST.PathExpression | hbs.AST.SubExpression;
      params?: hbs.AST.Node[];
      loc: hbs.AST.SourceLocation;
    };
    if (node.type === "PartialStatement" && node.name?.type === "PathExpression") {
      references.included.push({ name: String(node.name.original), node: node as hbs.AST.Node });
    }
    const first = node.params?.[0];
    if (node.type === "DecoratorBlock" && first?.type === "StringLiteral") {
      references.inline.push((first as hbs.AST.StringLiteral).value);
    }
    for (const [key, child] of Object.entries(node)) if (key !== "loc") visit(child);
  };
  visit(program);
  return references;
}

/** A partial included by name but defined nowhere would fail every render: refuse it now. */
function assertPartialsDefined(
  setup: HandlebarsSetup,
  programs: Map<string | undefined, { program: hbs.AST.Program; source: string }>,
): void {
  const references = [...programs].map(([name, entry]) => ({
    name,
    ...entry,
    ...partialReferences(entry.program),
  }));
  const defined = new Set<string>(["@partial-block"]);
  for (const { name, inline } of references) {
    if (name !== undefined) defined.add(name);
    for (const inlineName of inline) defined.add(inlineName);
  }
  for (const { name: partial, source, included } of references) {
    const missing = included.find((reference) => !defined.has(reference.name));
    if (missing === undefined) continue;
    const error = Object.assign(
      new Error(`partial "${missing.name}" is not defined; pass it in the partials`),
      { lineNumber: missing.node.loc.start.line, column: missing.node.loc.start.column },
    );
    throw handlebarsSyntaxError(setup, source, error, partial);
  }
}

function compileHandlebars(source: string, options: CompileTemplateOptions = {}): CompiledTemplate {
  const setup = handlebarsSetup();
  const sources = options.partials ?? {};
  const limits = resolveRenderLimits(options.renderLimits);
  assertTemplateSourceSize(source, options.maxTemplateBytes);
  const programs = new Map<string | undefined, { program: hbs.AST.Program; source: string }>();
  programs.set(undefined, { program: parseHandlebars(setup, source), source });
  for (const [name, partialSource] of Object.entries(sources)) {
    assertTemplateSourceSize(partialSource, options.maxTemplateBytes, `Partial "${name}"`);
    programs.set(name, {
      program: parseHandlebars(setup, partialSource, name),
      source: partialSource,
    });
  }
  assertPartialsDefined(setup, programs);
  for (const [name, { program, source: text }] of programs) {
    const misuse = findHelperMisuse(program);
    if (misuse === undefined) continue;
    const error = Object.assign(new Error(misuse.message), {
      lineNumber: misuse.line,
      column: misuse.column,
    });
    throw handlebarsSyntaxError(setup, text, error, name);
  }

  const partials: Record<string, HandlebarsTemplateFunction> = Object.create(null);
  let main: HandlebarsTemplateFunction | undefined;
  for (const [name, { program, source: text }] of programs) {
    const compiled = compileProgram(setup, program, text, name);
    if (name === undefined) main = compiled;
    else partials[name] = countedPartial(compiled);
  }
  if (main === undefined) throw new QuireError("INTERNAL", "Handlebars template was not compiled");
  const template = main;
  const { helpers, hooks, decorators, protoAccessControl } = setup.runtime;

  // Called the way Handlebars calls partials, with everything prepared above: the runtime then
  // skips rebuilding (and re-wrapping) every helper and the access tables on each render, which
  // is about 40% of a render's cost. Behaviour is the same; handlebars-fast-path.test.ts checks it
  // against Handlebars' own compile.
  return (variables) => {
    const runtimeOptions: PreparedRuntimeOptions = {
      partial: true,
      helpers,
      partials,
      decorators,
      hooks,
      protoAccessControl,
      data: { root: variables },
    };
    // A render that is part of a larger one (a chat prompt's messages) shares its budget.
    const budget = activeBudget() ?? new RenderBudget("handlebars", limits);
    const previous = enterBudget(budget);
    let output: string;
    try {
      output = template(variables, runtimeOptions);
    } catch (error) {
      throw budget.failure(error) ?? templateRenderError("handlebars", error);
    } finally {
      leaveBudget(previous);
    }
    return budget.finalOutput(output);
  };
}

/** Handlebars, the default engine: Dotprompt's helpers, no HTML escaping. */
export const handlebarsEngine: TemplateEngine = {
  name: "handlebars",
  variables(source, options = {}) {
    assertTemplateSourceSize(source, options.maxTemplateBytes);
    return handlebarsVariables(handlebarsSetup(), source, options.partials);
  },
  compile: compileHandlebars,
};
