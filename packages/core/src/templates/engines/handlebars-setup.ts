import Handlebars from "handlebars";
import { registerDotpromptHelpers } from "../../prompt-files/dotprompt-helpers.js";
import { activeBudget } from "../render-budget.js";
import { type HandlebarsInternals, handlebarsInternals } from "./handlebars-internals.js";
import { checkHelperResult, guardedEach, guardedInline } from "./handlebars-render-guards.js";

/** Handlebars' own helpers, known to its compiler without being declared. */
const builtinHelperNames = [
  "helperMissing",
  "blockHelperMissing",
  "each",
  "if",
  "unless",
  "with",
  "log",
  "lookup",
] as const;

/** The helpers that receive the runtime's hooks rather than being called by name. */
const hookNames = new Set(["helperMissing", "blockHelperMissing"]);

export interface HandlebarsSetup {
  environment: typeof Handlebars;
  internals: HandlebarsInternals;
  /** Names of every registered helper: `{{name}}` with one of these calls the helper. */
  helperNames: ReadonlySet<string>;
  /** Compile options; copy before each compile (Handlebars' compiler writes into them). */
  compileOptions: Readonly<Record<string, unknown>>;
  /** Helpers (wrapped the way the runtime wraps them), hooks, decorators and access control. */
  runtime: {
    helpers: Record<string, unknown>;
    hooks: Record<string, unknown>;
    decorators: Record<string, unknown>;
    protoAccessControl: unknown;
  };
}

type HelperFunction = (...parameters: unknown[]) => unknown;

/**
 * The same check as the runtime's `lookupProperty` with every prototype property and method
 * denied: own properties only, and never a prototype's own `constructor` back-reference.
 */
function lookupOwnProperty(parent: Record<string, unknown>, name: string): unknown {
  const result = parent[name];
  if (result === null || result === undefined) return result;
  if (
    Object.hasOwn(parent, name) &&
    !(name === "constructor" && typeof result === "function" && parent === result.prototype)
  ) {
    return result;
  }
  return undefined;
}

/**
 * Helpers whose work grows with their input (`json` of a large value): each call is a step of
 * the render's budget, and a large result is checked and worth a clock reading. The others do
 * constant work, or only call the template's own blocks (`if`, `with`), which are counted there.
 */
const dataSizedHelpers = new Set(["json"]);

/** As the runtime does on every call: give each helper `options.lookupProperty`. */
function wrapHelper(name: string, helper: unknown): unknown {
  if (typeof helper !== "function") return helper;
  const call = helper as HelperFunction;
  if (dataSizedHelpers.has(name)) {
    return function (this: unknown, ...parameters: unknown[]) {
      const options = parameters[parameters.length - 1] as Record<string, unknown> | undefined;
      if (options !== null && typeof options === "object") {
        options.lookupProperty = lookupOwnProperty;
      }
      const budget = activeBudget();
      budget?.step();
      const result = call.apply(this, parameters);
      if (budget !== undefined) checkHelperResult(budget, result);
      return result;
    };
  }
  return function (this: unknown, ...parameters: unknown[]) {
    const options = parameters[parameters.length - 1] as Record<string, unknown> | undefined;
    if (options !== null && typeof options === "object") options.lookupProperty = lookupOwnProperty;
    return call.apply(this, parameters);
  };
}

function createSetup(): HandlebarsSetup {
  const environment = Handlebars.create();
  registerDotpromptHelpers(environment);
  // Every iteration counted (blockHelperMissing calls the environment's `each` for `{{#list}}`).
  environment.registerHelper("each", guardedEach(environment.helpers.each as HelperFunction));
  // `{{log …}}` would write to the host's console: templates get no side effects.
  environment.registerHelper("log", () => undefined);
  const helperNames = new Set<string>([...builtinHelperNames, ...Object.keys(environment.helpers)]);
  const knownHelpers: Record<string, boolean> = {};
  for (const name of helperNames) knownHelpers[name] = true;

  const helpers: Record<string, unknown> = {};
  const hooks: Record<string, unknown> = {};
  for (const [name, helper] of Object.entries(environment.helpers)) {
    if (hookNames.has(name)) hooks[name] = wrapHelper(name, helper);
    else helpers[name] = wrapHelper(name, helper);
  }
  // Deny every property and method not owned by its object, without the runtime's console
  // warning: templates are untrusted and must not reach prototypes or constructors.
  const denyAll = { whitelist: Object.create(null), defaultValue: false };
  return {
    environment,
    internals: handlebarsInternals(environment),
    helperNames,
    compileOptions: {
      // Prompts are not HTML.
      noEscape: true,
      // Every helper is known when compiling, so `{{name}}` compiles to a plain lookup instead of
      // "helper or value?" code, and an unknown helper is a compile error (as in Dotprompt).
      knownHelpers,
      knownHelpersOnly: true,
      // @index, @first, @root… stay available.
      data: true,
    },
    runtime: {
      helpers,
      hooks,
      decorators: {
        ...environment.decorators,
        inline: guardedInline(environment.decorators.inline as Parameters<typeof guardedInline>[0]),
      },
      protoAccessControl: { properties: denyAll, methods: denyAll },
    },
  };
}

let setup: HandlebarsSetup | undefined;

/** The one Handlebars environment of Quire, with Dotprompt's helpers, made on first use. */
export function handlebarsSetup(): HandlebarsSetup {
  setup ??= createSetup();
  return setup;
}
