import {
  type CreateVersionRequest,
  handlebarsTemplateUsesChatMarkers,
  type JsonSchema,
  type PromptContent,
  type PromptType,
  QuireError,
  toJsonSchema,
  type Version,
} from "@quire/core";

type VersionFields = Omit<CreateVersionRequest, "description" | "tags">;

/** Picoschema or JSON Schema → JSON Schema; a conversion error names the field (`inputSchema.user`). */
function normalizedSchema(field: "inputSchema" | "outputSchema", schema: unknown): JsonSchema {
  try {
    return toJsonSchema(schema, { path: field });
  } catch (error) {
    if (error instanceof QuireError) throw error;
    throw new QuireError(
      "VALIDATION_FAILED",
      `${field} is neither a JSON Schema nor Picoschema: ${error instanceof Error ? error.message : String(error)}.`,
      { details: { field }, cause: error },
    );
  }
}

function schemaField(
  field: "inputSchema" | "outputSchema",
  requested: Record<string, unknown> | null | undefined,
  latest: Version | undefined,
): JsonSchema | null {
  if (requested === undefined) return latest?.[field] ?? null;
  if (requested === null) return null;
  return normalizedSchema(field, requested);
}

/**
 * The type: as requested; else chat for a message list or a Handlebars string with `{{role}}` /
 * `{{history}}` markers (as a .prompt file is read); else, for a string template, the latest
 * version's type when its template was a string too; else text.
 */
function promptType(request: VersionFields, latest: Version | undefined): PromptType {
  const isMessageList = Array.isArray(request.template);
  if (request.type === "text" && isMessageList) {
    throw new QuireError(
      "VALIDATION_FAILED",
      'type is "text" but the template is a list of messages: use type "chat", or send the template as one string.',
      {
        details: {
          issues: [{ location: "body", path: "type", message: "text with a message list" }],
        },
      },
    );
  }
  if (request.type !== undefined) return request.type;
  if (isMessageList) return "chat";
  const engine = request.engine ?? latest?.engine ?? "handlebars";
  if (
    engine === "handlebars" &&
    typeof request.template === "string" &&
    handlebarsTemplateUsesChatMarkers(request.template)
  ) {
    return "chat";
  }
  if (latest !== undefined && typeof latest.template === "string") return latest.type;
  return "text";
}

/**
 * The content a request asks for. Omitted fields are inherited from `latest` (when creating a
 * new version of an existing prompt); schemas are normalized to JSON Schema.
 */
export function versionContent(request: VersionFields, latest: Version | undefined): PromptContent {
  return {
    type: promptType(request, latest),
    engine: request.engine ?? latest?.engine ?? "handlebars",
    template: request.template,
    inputSchema: schemaField("inputSchema", request.inputSchema, latest),
    outputSchema: schemaField("outputSchema", request.outputSchema, latest),
    config: request.config ?? latest?.config ?? {},
    metadata: request.metadata ?? latest?.metadata ?? {},
  };
}

/** The content of a stored version. */
export function contentOf(version: Version): PromptContent {
  return {
    type: version.type,
    engine: version.engine,
    template: version.template,
    inputSchema: version.inputSchema,
    outputSchema: version.outputSchema,
    config: version.config,
    metadata: version.metadata,
  };
}
