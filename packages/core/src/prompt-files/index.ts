export {
  dotpromptHelperNames,
  dotpromptKnownHelpers,
  registerDotpromptHelpers,
} from "./dotprompt-helpers.js";
export { handlebarsTemplateUsesChatMarkers } from "./handlebars-body.js";
export {
  dotpromptPassthroughKeys,
  type ParsePromptFileOptions,
  parsePromptFile,
  promptFileKeys,
} from "./parse-prompt-file.js";
export { type ToJsonSchemaOptions, toJsonSchema } from "./picoschema.js";
export { toPicoschema } from "./picoschema-inverse.js";
export {
  isPartialPath,
  type PromptFileName,
  partialNameFromPath,
  promptNameFromPath,
} from "./prompt-file-name.js";
export {
  type ParsedPromptFile,
  type PromptFileContent,
  passthroughMetadataKey,
} from "./prompt-file-types.js";
export {
  type CompiledPromptFile,
  compilePromptFile,
  type PromptFileData,
  type RenderedPromptFile,
  type RenderPromptFileOptions,
  renderPromptFile,
} from "./render-prompt-file.js";
export { markerPrefixes, toRenderedMessages, toRenderedParts } from "./rendered-messages.js";
export { type SerializablePromptFile, serializePromptFile } from "./serialize-prompt-file.js";
