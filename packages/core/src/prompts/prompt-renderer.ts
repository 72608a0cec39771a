import { QuireError } from "../errors/index.js";
import { handlebarsTemplateUsesChatMarkers } from "../prompt-files/handlebars-body.js";
import { toRenderedMessages } from "../prompt-files/rendered-messages.js";
import { engineDisplayNames } from "../templates/engine-display-name.js";
import { renderWithinBudget } from "../templates/render-budget.js";
import { resolveRenderLimits } from "../templates/render-limits.js";
import type {
  CompiledTemplate,
  CompileTemplateOptions,
  TemplateEngine,
  TemplateVariable,
} from "../templates/template-engine.js";
import { mergeTemplateVariables } from "../templates/variable-paths.js";
import { historyMessages } from "./history-messages.js";
import type { MessageTemplate, PromptContent, RenderOutput } from "./prompt-content.js";

/** A prompt's templates, compiled: renders variables that are already validated. */
export interface PromptRenderer {
  /** What the templates read. */
  variables: TemplateVariable[];
  /** Top-level names the prompt accepts besides its template variables (`messages` history). */
  extraNames: string[];
  render(variables: Record<string, unknown>): RenderOutput;
  /** For a text prompt, its compiled template (the fast path calls it directly). */
  text?: CompiledTemplate;
}

function invalid(message: string, details: Record<string, unknown> = {}): QuireError {
  return new QuireError("VALIDATION_FAILED", message, { details });
}

function checkMessages(template: MessageTemplate[]): void {
  template.forEach((message, index) => {
    const valid =
      message !== null &&
      typeof message === "object" &&
      typeof message.role === "string" &&
      message.role !== "" &&
      typeof message.content === "string";
    if (!valid) {
      throw invalid(
        `Message ${index + 1} of the chat template must be {role, content} with a non-empty role and a string content`,
        { index },
      );
    }
  });
}

/** Compiles a prompt's template(s) once, by the prompt's type and the template's shape. */
export function compileRenderer(
  content: PromptContent,
  engine: TemplateEngine,
  options: CompileTemplateOptions,
): PromptRenderer {
  const { template } = content;
  if (content.type === "text") {
    if (typeof template !== "string") {
      throw invalid(
        'A text prompt\'s template must be a string; use type "chat" for a list of messages',
      );
    }
    const text = engine.compile(template, options);
    if (engine.name === "handlebars" && handlebarsTemplateUsesChatMarkers(template)) {
      throw invalid(
        'This text prompt uses {{role "…"}} or {{history}} markers, which split a chat prompt into messages: set its type to "chat". (To print a variable named role, write {{this.role}}.)',
        { field: "type" },
      );
    }
    return {
      variables: engine.variables(template, options),
      extraNames: [],
      text,
      render: (variables) => ({ text: text(variables) }),
    };
  }
  if (Array.isArray(template)) {
    checkMessages(template);
    const messages = template.map((message) => ({
      role: message.role,
      render: engine.compile(message.content, options),
    }));
    const limits = resolveRenderLimits(options.renderLimits);
    return {
      variables: mergeTemplateVariables(
        template.map((message) => engine.variables(message.content, options)),
      ),
      extraNames: [],
      // One render budget for all the messages: the limits bound the prompt, not each message.
      render: (variables) =>
        renderWithinBudget(engine.name, limits, (budget) => {
          const texts = messages.map((message) => message.render(variables));
          budget.finalOutputs(texts);
          return {
            messages: messages.map((message, index) => ({
              role: message.role,
              content: [{ text: texts[index] ?? "" }],
            })),
          };
        }),
    };
  }
  if (typeof template !== "string") {
    throw invalid(
      "A chat prompt's template must be a list of {role, content} messages or a string",
    );
  }
  if (engine.name !== "handlebars") {
    throw invalid(
      `A ${engineDisplayNames[engine.name]} chat prompt's template must be a list of {role, content} messages; only Handlebars templates can be one string with {{role "…"}} markers`,
      { engine: engine.name },
    );
  }
  const text = engine.compile(template, options);
  return {
    variables: engine.variables(template, options),
    extraNames: ["messages"],
    render: (variables) => ({
      messages: toRenderedMessages(text(variables), historyMessages(variables)),
    }),
  };
}
