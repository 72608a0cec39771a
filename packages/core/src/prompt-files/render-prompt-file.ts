import Handlebars from "handlebars";
import { QuireError } from "../errors/index.js";
import type { RenderedMessage } from "../prompts/prompt-content.js";
import { guardedEach } from "../templates/engines/handlebars-render-guards.js";
import {
  activeBudget,
  enterBudget,
  leaveBudget,
  RenderBudget,
} from "../templates/render-budget.js";
import { type RenderLimits, resolveRenderLimits } from "../templates/render-limits.js";
import { dotpromptKnownHelpers, registerDotpromptHelpers } from "./dotprompt-helpers.js";
import { dotpromptPromptMetadata } from "./dotprompt-metadata.js";
import { type BodyLocation, handlebarsError, parseHandlebarsBody } from "./handlebars-body.js";
import { messagesToHandlebarsBody } from "./message-list-body.js";
import { type ParsePromptFileOptions, parsePromptFile } from "./parse-prompt-file.js";
import type { ParsedPromptFile } from "./prompt-file-types.js";
import { toRenderedMessages } from "./rendered-messages.js";

/** What a render takes, in Dotprompt's `DataArgument` shape. */
export interface PromptFileData {
  /** The template's variables. */
  input?: Record<string, unknown>;
  /** Conversation history, placed at `{{history}}` (or before the last user message). */
  messages?: RenderedMessage[];
  /** Extra `@` variables: `{state: {…}}` is `{{@state.…}}` in the template. */
  context?: Record<string, unknown>;
  /** Documents, exposed as `@metadata.docs`. */
  docs?: unknown[];
}

export interface RenderPromptFileOptions extends ParsePromptFileOptions {
  /** Partials by name (`{{> name}}`): name → source. See `partialNameFromPath` for file names. */
  partials?: Record<string, string>;
  /**
   * Merge the file's `input.default` under `data.input` (default true). Dotprompt's
   * `render(source, data)` applies only defaults passed as its third argument; Quire applies the
   * file's own, which equals Dotprompt's `render(source, data, {input: {default: fileDefaults}})`.
   */
  applyInputDefaults?: boolean;
  /**
   * What one render may use (core's defaults where absent): a render over one stops with
   * QuireError("TEMPLATE_RENDER") naming the limit, as on the server.
   */
  renderLimits?: Partial<RenderLimits>;
}

export interface RenderedPromptFile {
  messages: RenderedMessage[];
}

/** A `.prompt` file compiled once, rendered many times. */
export interface CompiledPromptFile {
  readonly file: ParsedPromptFile;
  render(data?: PromptFileData): RenderedPromptFile;
}

/**
 * Compiles a Handlebars `.prompt` file as Dotprompt does: its helpers, `knownHelpersOnly` (a call
 * to an unknown helper is a syntax error), `noEscape`, the given partials.
 * @throws QuireError("VALIDATION_FAILED") for front matter errors and for files in another
 * engine; QuireError("TEMPLATE_SYNTAX") with whole-file line and column for body errors.
 */
export function compilePromptFile(
  source: string,
  options: RenderPromptFileOptions = {},
): CompiledPromptFile {
  const file = parsePromptFile(source, options);
  if (file.engine !== "handlebars") {
    throw new QuireError(
      "VALIDATION_FAILED",
      `${file.file}: engine ${file.engine} is not a Dotprompt (Handlebars) file; render it with compilePrompt instead.`,
      { details: { file: file.file, field: "engine", engine: file.engine } },
    );
  }
  const body =
    typeof file.template === "string" ? file.template : messagesToHandlebarsBody(file.template);
  const location: BodyLocation = {
    file: file.file,
    source,
    line: file.bodyLine,
    column: file.bodyColumn,
  };

  const limits = resolveRenderLimits(options.renderLimits);
  const environment = Handlebars.create();
  registerDotpromptHelpers(environment);
  // Every iteration counted against the render's budget, as the Handlebars engine does.
  environment.registerHelper(
    "each",
    guardedEach(environment.helpers.each as Parameters<typeof guardedEach>[0]),
  );
  for (const [name, partial] of Object.entries(options.partials ?? {})) {
    environment.registerPartial(name, partial);
  }
  const compileOptions = {
    knownHelpers: dotpromptKnownHelpers(),
    knownHelpersOnly: true,
    noEscape: true,
  };
  const program = parseHandlebarsBody(body, location);
  try {
    // Handlebars compiles lazily; compile now so unknown helpers are reported here.
    environment.precompile(program, { ...compileOptions });
  } catch (error) {
    throw handlebarsError("TEMPLATE_SYNTAX", error, body, location);
  }
  checkPartials(environment, program, options.partials ?? {}, compileOptions, new Set());
  const template = environment.compile(program, { ...compileOptions });
  const promptMetadata = dotpromptPromptMetadata(file);
  const defaults = options.applyInputDefaults === false ? {} : file.input.default;

  return {
    file,
    render(data: PromptFileData = {}): RenderedPromptFile {
      let text: string;
      const budget = activeBudget() ?? new RenderBudget("handlebars", limits);
      const previous = enterBudget(budget);
      try {
        text = template(
          { ...defaults, ...data.input },
          {
            data: {
              metadata: { prompt: promptMetadata, docs: data.docs, messages: data.messages },
              ...data.context,
            },
          },
        );
        budget.finalOutput(text);
      } catch (error) {
        const limited = budget.failure(error);
        const limit = (limited?.details as { limit?: unknown } | undefined)?.limit;
        if (limited === undefined || limit === undefined) throw renderError(error, body, location);
        throw new QuireError("TEMPLATE_RENDER", `${location.file}: ${limited.message}`, {
          details: { ...(limited.details as Record<string, unknown>), file: location.file },
          cause: limited,
        });
      } finally {
        leaveBudget(previous);
      }
      return { messages: toRenderedMessages(text, data.messages) };
    },
  };
}

/** Names of the partials a template includes by a fixed name (`{{> name}}`, `{{#> name}}`). */
function partialNames(node: unknown, names: Set<string>): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) partialNames(item, names);
  } else if (node !== null && typeof node === "object") {
    const statement = node as { type?: string; name?: { original?: unknown } };
    if (
      (statement.type === "PartialStatement" || statement.type === "PartialBlockStatement") &&
      typeof statement.name?.original === "string"
    ) {
      names.add(statement.name.original);
    }
    for (const key of ["body", "program", "inverse"]) {
      partialNames((node as Record<string, unknown>)[key], names);
    }
  }
  return names;
}

/** Compiles the given partials a template uses (and theirs), so their errors surface now. */
function checkPartials(
  environment: typeof Handlebars,
  program: hbs.AST.Program,
  partials: Record<string, string>,
  compileOptions: CompileOptions,
  checked: Set<string>,
): void {
  for (const name of partialNames(program, new Set())) {
    const source = partials[name];
    if (source === undefined || checked.has(name)) continue;
    checked.add(name);
    let partialProgram: hbs.AST.Program;
    try {
      partialProgram = environment.parse(source);
      environment.precompile(partialProgram, { ...compileOptions });
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      throw new QuireError(
        "TEMPLATE_SYNTAX",
        `The partial "${name}" does not compile: ${problem}`,
        { details: { engine: "handlebars", partial: name, problem }, cause: error },
      );
    }
    checkPartials(environment, partialProgram, partials, compileOptions, checked);
  }
}

/** Where Dotprompt keeps a partial: `team/footer` → `team/_footer.prompt`. */
function partialFileName(name: string): string {
  const slash = name.lastIndexOf("/");
  return `${name.slice(0, slash + 1)}_${name.slice(slash + 1)}.prompt`;
}

function renderError(error: unknown, body: string, location: BodyLocation): QuireError {
  const message = error instanceof Error ? error.message : String(error);
  const partial = /^The partial (.+) could not be found/.exec(message);
  if (partial !== null) {
    return new QuireError(
      "TEMPLATE_RENDER",
      `${location.file}: the partial "${partial[1]}" is not defined. Pass it in the partials option (Dotprompt keeps it in a file named ${partialFileName(partial[1] ?? "")}).`,
      { details: { engine: "handlebars", file: location.file, partial: partial[1] }, cause: error },
    );
  }
  // The body and its partials compiled before rendering, so an error here is a runtime one
  // (a helper given the wrong arguments, #each without a list…), placed where Handlebars says.
  return handlebarsError("TEMPLATE_RENDER", error, body, location);
}

/**
 * Renders a `.prompt` file to Dotprompt's message shape; synchronous, and equal to
 * `await new Dotprompt({partials}).render(source, data, {input: {default: fileDefaults}})`.
 */
export function renderPromptFile(
  source: string,
  data: PromptFileData = {},
  options: RenderPromptFileOptions = {},
): RenderedPromptFile {
  return compilePromptFile(source, options).render(data);
}
