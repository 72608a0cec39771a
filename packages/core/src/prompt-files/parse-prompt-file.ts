import { isQuireError } from "../errors/index.js";
import {
  type EngineName,
  engineNames,
  type JsonSchema,
  type MessageTemplate,
  type PromptTemplate,
  type PromptType,
  promptTypes,
} from "../prompts/prompt-content.js";
import { labelNameProblem } from "../prompts/prompt-name.js";
import { parseFrontMatter, splitPromptFile } from "./front-matter.js";
import { FrontMatterReader } from "./front-matter-reader.js";
import { parseHandlebarsBody, usesChatMarkers } from "./handlebars-body.js";
import { foldInputDefaults } from "./input-defaults.js";
import { toJsonSchema } from "./picoschema.js";
import { type PromptFileName, promptNameFromPath } from "./prompt-file-name.js";
import { type ParsedPromptFile, passthroughMetadataKey } from "./prompt-file-types.js";

export interface ParsePromptFileOptions {
  /**
   * The file's path under the prompts folder (`support/triage.prompt`): gives the prompt name and
   * variant, and starts every error message. Paths that give no valid name leave `name` unset.
   */
  fileName?: string;
}

/** Front matter keys Quire reads into fields. */
export const promptFileKeys = [
  "model",
  "description",
  "engine",
  "type",
  "tags",
  "labels",
  "config",
  "input",
  "output",
  "messages",
  "metadata",
] as const;

/** Dotprompt keys Quire has no field for: kept verbatim in `metadata.dotprompt`. */
export const dotpromptPassthroughKeys = ["name", "variant", "version", "tools", "toolDefs"];

const tagPattern = /^[^\s,]{1,64}$/;

function nameOf(fileName: string | undefined): PromptFileName | undefined {
  if (fileName === undefined) return undefined;
  try {
    return promptNameFromPath(fileName);
  } catch {
    return undefined;
  }
}

/**
 * Parses a `.prompt` file (YAML front matter + body) into typed fields. Unknown front matter
 * keys are refused (a typo like `modle:` must not pass silently), except Dotprompt's own
 * `name`, `variant`, `version`, `tools`, `toolDefs` and namespaced keys (`myapp.owner`), which
 * are kept verbatim in `metadata.dotprompt`. The body is trimmed when there is front matter and
 * kept as written when there is none, as Dotprompt does.
 *
 * @throws QuireError("VALIDATION_FAILED") for YAML errors and wrong keys or values, with details
 * {file, line, column, excerpt} (lines of the whole file); QuireError("TEMPLATE_SYNTAX") for a
 * Handlebars body that does not parse.
 */
export function parsePromptFile(
  source: string,
  options: ParsePromptFileOptions = {},
): ParsedPromptFile {
  const file = options.fileName ?? "<prompt>";
  const sections = splitPromptFile(source);
  const context = { file, source, sections };
  const reader = new FrontMatterReader(
    sections.yaml === undefined
      ? { data: {}, locate: () => undefined, locateKey: () => undefined }
      : parseFrontMatter(context),
    context,
  );
  const data = reader.data;

  const passthrough: Record<string, unknown> = {};
  const ext: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(data)) {
    if ((promptFileKeys as readonly string[]).includes(key)) continue;
    if (dotpromptPassthroughKeys.includes(key) || key.includes(".")) {
      passthrough[key] = value;
      if (key.includes(".")) {
        const dot = key.lastIndexOf(".");
        const namespace = key.slice(0, dot);
        ext[namespace] = { ...ext[namespace], [key.slice(dot + 1)]: value };
      }
      continue;
    }
    throw reader.fail(
      [key],
      `is not a front matter key Quire knows. Known keys: ${promptFileKeys.join(", ")} (and Dotprompt's ${dotpromptPassthroughKeys.join(", ")}); put your own data under "metadata:" or use a namespaced key like "myapp.${key}"`,
    );
  }
  if (passthrough.tools !== undefined)
    reader.stringList(["tools"], passthrough.tools, "tool names");

  const model = reader.string(["model"], data.model);
  const description = reader.string(["description"], data.description);
  const engine: EngineName = reader.oneOf(["engine"], data.engine, engineNames) ?? "handlebars";
  const declaredType = reader.oneOf(["type"], data.type, promptTypes);
  const tags = reader.stringList(["tags"], data.tags, "tags", (tag) =>
    tagPattern.test(tag)
      ? undefined
      : `holds the tag ${JSON.stringify(tag)}; tags are 1–64 characters without spaces or commas`,
  );
  const labels = reader.stringList(["labels"], data.labels, "label names", (label) => {
    const problem = labelNameProblem(label);
    return problem === undefined
      ? undefined
      : `holds the label ${JSON.stringify(label)}, which ${problem}`;
  });

  const config = { ...reader.mapping(["config"], data.config) };
  if (model !== undefined) {
    if (config.model !== undefined) {
      throw reader.fail(
        ["config", "model"],
        'repeats "model"; keep the top-level "model" key only',
      );
    }
    config.model = model;
  }

  const metadata = { ...reader.mapping(["metadata"], data.metadata) };
  if (passthroughMetadataKey in metadata) {
    throw reader.fail(
      ["metadata", passthroughMetadataKey],
      "is reserved: Quire keeps Dotprompt's own front matter keys there",
    );
  }

  const inputBlock = reader.mapping(["input"], data.input) ?? {};
  reader.onlyKeys(["input"], inputBlock, ["schema", "default"]);
  const inputDefaults = reader.mapping(["input", "default"], inputBlock.default) ?? {};
  const inputSchema = schemaAt(reader, ["input", "schema"], inputBlock.schema);
  const foldedInputSchema = foldInputDefaults(inputSchema, inputDefaults);
  if (foldedInputSchema === undefined) {
    throw reader.fail(
      ["input", "default"],
      "cannot apply: input.schema does not describe an object, and defaults name its properties",
    );
  }

  const outputBlock = reader.mapping(["output"], data.output) ?? {};
  reader.onlyKeys(["output"], outputBlock, ["format", "schema"]);
  const format = reader.string(["output", "format"], outputBlock.format);
  const outputSchema = schemaAt(reader, ["output", "schema"], outputBlock.schema);
  if (format !== undefined) passthrough.output = { format };
  if (Object.keys(passthrough).length > 0) metadata[passthroughMetadataKey] = passthrough;

  const rawBody = sections.yaml === undefined ? source : sections.body;
  const body = sections.yaml === undefined ? rawBody : rawBody.trim();
  const skipped = rawBody.slice(0, rawBody.length - rawBody.trimStart().length);
  const skippedLines = sections.yaml === undefined ? [] : skipped.split("\n");
  const bodyLine = sections.bodyLine + Math.max(0, skippedLines.length - 1);
  const bodyColumn = (skippedLines[skippedLines.length - 1]?.length ?? 0) + 1;

  const messages = messagesAt(reader, data.messages);
  if (messages !== undefined && body !== "") {
    throw reader.fail(["messages"], "is given and the file also has a body; keep one of the two");
  }
  let template: PromptTemplate = messages ?? body;
  let type: PromptType;
  if (messages !== undefined) {
    if (declaredType === "text") throw reader.fail(["type"], "is text, but the file has messages");
    type = "chat";
    template = messages;
  } else {
    let detected: PromptType = "text";
    if (engine === "handlebars") {
      const program = parseHandlebarsBody(body, {
        file,
        source,
        line: bodyLine,
        column: bodyColumn,
      });
      detected = usesChatMarkers(program) ? "chat" : "text";
    }
    type = declaredType ?? detected;
  }

  const fileName = nameOf(options.fileName);
  return {
    ...(fileName ?? {}),
    file,
    type,
    engine,
    template,
    inputSchema: foldedInputSchema,
    outputSchema,
    config,
    metadata,
    ...(description === undefined ? {} : { description }),
    tags: tags ?? [],
    labels: labels ?? [],
    ...(model === undefined ? {} : { model }),
    input: { schema: inputSchema, default: inputDefaults },
    output: { ...(format === undefined ? {} : { format }), schema: outputSchema },
    ext,
    frontMatter: data,
    hasFrontMatter: sections.yaml !== undefined,
    body,
    bodyLine,
    bodyColumn,
  };
}

function schemaAt(
  reader: FrontMatterReader,
  path: readonly string[],
  value: unknown,
): JsonSchema | null {
  if (value === null || value === undefined) return null;
  try {
    return toJsonSchema(value, { path: path.join(".") });
  } catch (error) {
    if (isQuireError(error)) throw reader.relocate(error, path);
    throw error;
  }
}

function messagesAt(reader: FrontMatterReader, value: unknown): MessageTemplate[] | undefined {
  const list = reader.list(["messages"], value);
  return list?.map((item, index) => {
    const message = reader.mapping(["messages", index], item);
    if (message === undefined) throw reader.fail(["messages", index], "must be {role, content}");
    reader.onlyKeys(["messages", index], message, ["role", "content"]);
    const role = reader.string(["messages", index, "role"], message.role);
    const content = reader.string(["messages", index, "content"], message.content) ?? "";
    if (role === undefined || role === "") {
      throw reader.fail(["messages", index, "role"], "is missing; give each message a role");
    }
    return { role, content };
  });
}
