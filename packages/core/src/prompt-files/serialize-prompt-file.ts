import { stringify } from "yaml";
import { QuireError } from "../errors/index.js";
import { canonicalJson } from "../prompts/canonical-json.js";
import type {
  EngineName,
  JsonSchema,
  PromptTemplate,
  PromptType,
} from "../prompts/prompt-content.js";
import { parseHandlebarsBody, usesChatMarkers } from "./handlebars-body.js";
import { unfoldInputDefaults } from "./input-defaults.js";
import { messagesToHandlebarsBody } from "./message-list-body.js";
import { dotpromptPassthroughKeys } from "./parse-prompt-file.js";
import { toJsonSchema } from "./picoschema.js";
import { toPicoschema } from "./picoschema-inverse.js";
import { passthroughMetadataKey } from "./prompt-file-types.js";

/** A version (plus the prompt's description, tags and labels) to write as a `.prompt` file. */
export interface SerializablePromptFile {
  template: PromptTemplate;
  type?: PromptType;
  engine?: EngineName;
  inputSchema?: JsonSchema | null;
  outputSchema?: JsonSchema | null;
  config?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  description?: string | null;
  tags?: readonly string[];
  labels?: readonly string[];
  /** The model; may also be given as `config.model`. */
  model?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuse(field: string, problem: string): QuireError {
  return new QuireError("VALIDATION_FAILED", `Cannot write a .prompt file: ${field} ${problem}.`, {
    details: { field, problem },
  });
}

/**
 * The schema as written in the file: Picoschema when that converts back to exactly the same JSON
 * Schema, else the JSON Schema itself, which must pass through Picoschema conversion unchanged
 * (it needs a `type` at its top; without one Dotprompt would read it as Picoschema).
 */
function writtenSchema(field: string, schema: JsonSchema): unknown {
  const pico = toPicoschema(schema);
  if (pico !== undefined) return pico;
  let readBack: unknown;
  try {
    readBack = toJsonSchema(schema);
  } catch {
    readBack = undefined;
  }
  if (readBack === undefined || canonicalJson(readBack) !== canonicalJson(schema)) {
    throw refuse(
      field,
      'has no top-level "type" (or only "properties"), so a .prompt file would read it as Picoschema; add "type" to its top',
    );
  }
  return schema;
}

/**
 * Writes a version as a `.prompt` file (YAML front matter + body), the inverse of
 * `parsePromptFile`: `parsePromptFile(serializePromptFile(x))` gives back x's content (so a
 * pulled file pushes back unchanged), except that the body is trimmed, as Dotprompt trims it.
 * A message-list template, in any engine, is kept in the `messages:` front matter key: written
 * as one body with `{{role}}` markers it would read back as a string template, a different
 * version with the same meaning.
 */
export function serializePromptFile(version: SerializablePromptFile): string {
  const engine = version.engine ?? "handlebars";
  const { template } = version;

  const { model: configModel, ...config } = version.config ?? {};
  let model = version.model;
  if (typeof configModel === "string") {
    if (model !== undefined && model !== configModel) {
      throw refuse("model", `(${model}) differs from config.model (${configModel})`);
    }
    model = configModel;
  } else if (configModel !== undefined) {
    config.model = configModel;
  }

  const { [passthroughMetadataKey]: passthrough = {}, ...metadata } = version.metadata ?? {};
  if (!isRecord(passthrough))
    throw refuse(`metadata.${passthroughMetadataKey}`, "must be a mapping");
  const { output: passthroughOutput, ...kept } = passthrough;
  for (const key of Object.keys(kept)) {
    if (!dotpromptPassthroughKeys.includes(key) && !key.includes(".")) {
      throw refuse(
        `metadata.${passthroughMetadataKey}.${key}`,
        "is not a Dotprompt front matter key",
      );
    }
  }
  let format: string | undefined;
  if (passthroughOutput !== undefined) {
    const given = isRecord(passthroughOutput) ? passthroughOutput : {};
    if (typeof given.format !== "string" || Object.keys(given).length !== 1) {
      throw refuse(`metadata.${passthroughMetadataKey}.output`, "must be {format: text}");
    }
    format = given.format;
  }

  let body: string;
  let messages: unknown;
  let inferredType: PromptType;
  if (typeof template === "string") {
    body = template;
    inferredType =
      engine === "handlebars" &&
      usesChatMarkers(
        parseHandlebarsBody(body, { file: "template", source: body, line: 1, column: 1 }),
      )
        ? "chat"
        : "text";
  } else {
    // A Handlebars list is rendered through role markers, so its roles must be ones a marker
    // can carry: refuse here what the file could not render.
    if (engine === "handlebars") messagesToHandlebarsBody(template);
    body = "";
    messages = template.map(({ role, content }) => ({ role, content }));
    inferredType = "chat";
  }
  const type = version.type ?? inferredType;
  if (typeof template !== "string" && type === "text") {
    throw refuse("type", "is text, but the template is a list of messages");
  }

  const frontMatter: Record<string, unknown> = {};
  if (model !== undefined) frontMatter.model = model;
  if (version.description) frontMatter.description = version.description;
  if (engine !== "handlebars") frontMatter.engine = engine;
  if (type !== inferredType) frontMatter.type = type;
  if (version.tags?.length) frontMatter.tags = [...version.tags];
  if (version.labels?.length) frontMatter.labels = [...version.labels];
  if (Object.keys(config).length > 0) frontMatter.config = config;

  const input = unfoldInputDefaults(version.inputSchema ?? null);
  const inputBlock: Record<string, unknown> = {};
  if (input.schema !== null) inputBlock.schema = writtenSchema("inputSchema", input.schema);
  if (Object.keys(input.defaults).length > 0) inputBlock.default = input.defaults;
  if (Object.keys(inputBlock).length > 0) frontMatter.input = inputBlock;

  const outputBlock: Record<string, unknown> = {};
  if (format !== undefined) outputBlock.format = format;
  if (version.outputSchema)
    outputBlock.schema = writtenSchema("outputSchema", version.outputSchema);
  if (Object.keys(outputBlock).length > 0) frontMatter.output = outputBlock;

  if (messages !== undefined) frontMatter.messages = messages;
  if (Object.keys(metadata).length > 0) frontMatter.metadata = metadata;
  Object.assign(frontMatter, kept);

  if (Object.keys(frontMatter).length === 0 && !body.startsWith("---")) return body;
  const yaml = stringify(frontMatter, { lineWidth: 0, aliasDuplicateObjects: false });
  return `---\n${yaml}---\n${body}\n`;
}
