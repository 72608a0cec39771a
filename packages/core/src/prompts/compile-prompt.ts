import { compileVariablesValidator } from "../schemas/compile-variables-validator.js";
import { getTemplateEngine } from "../templates/get-template-engine.js";
import type { RenderLimits } from "../templates/render-limits.js";
import {
  assertTemplateSize,
  defaultMaxTemplateBytes,
  utf8ByteLength,
} from "../templates/template-size.js";
import { createCompiledPrompt } from "./compiled-prompt.js";
import type { CompiledPrompt } from "./compiled-prompt-types.js";
import type { PromptContent, PromptTemplate } from "./prompt-content.js";
import { compileRenderer } from "./prompt-renderer.js";

export type { CompiledPrompt, RenderOptions, RenderResult } from "./compiled-prompt-types.js";

export interface CompilePromptOptions {
  /** Largest template accepted, in bytes of UTF-8 (default 100 KB). */
  maxTemplateBytes?: number;
  /** Named partials the template includes (`{{> name}}`, `{% include "name" %}`…): name → source. */
  partials?: Record<string, string>;
  /** What one render may use (output size, loop iterations, time); see `defaultRenderLimits`. */
  renderLimits?: Partial<RenderLimits>;
}

function templateBytes(template: PromptTemplate): number {
  if (typeof template === "string") return utf8ByteLength(template);
  if (!Array.isArray(template)) return 0;
  let bytes = 0;
  for (const message of template) {
    if (typeof message?.content === "string") bytes += utf8ByteLength(message.content);
  }
  return bytes;
}

/**
 * Compiles a version's content once: parses and compiles its template(s) in its engine, reads
 * its variables and compiles its input schema. Throws PAYLOAD_TOO_LARGE (template over the
 * maximum), TEMPLATE_SYNTAX (with engine, line, column and excerpt) or VALIDATION_FAILED (a bad
 * schema, a template that does not fit the prompt type).
 */
export function compilePrompt(
  content: PromptContent,
  options: CompilePromptOptions = {},
): CompiledPrompt {
  const engine = getTemplateEngine(content.engine);
  const maxTemplateBytes = options.maxTemplateBytes ?? defaultMaxTemplateBytes;
  assertTemplateSize(templateBytes(content.template), maxTemplateBytes);
  const renderer = compileRenderer(content, engine, {
    maxTemplateBytes,
    ...(options.partials === undefined ? {} : { partials: options.partials }),
    ...(options.renderLimits === undefined ? {} : { renderLimits: options.renderLimits }),
  });
  const validator =
    content.inputSchema === null || content.inputSchema === undefined
      ? undefined
      : compileVariablesValidator(content.inputSchema);
  return createCompiledPrompt({ content, renderer, validator, bound: undefined });
}
