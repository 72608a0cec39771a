export { engineDisplayNames } from "./engine-display-name.js";
export { handlebarsEngine } from "./engines/handlebars-engine.js";
export { liquidEngine } from "./engines/liquid-engine.js";
export { mustacheEngine } from "./engines/mustache-engine.js";
export { nunjucksEngine } from "./engines/nunjucks-engine.js";
export { getTemplateEngine } from "./get-template-engine.js";
export type * from "./template-engine.js";
export { defaultMaxTemplateBytes, utf8ByteLength } from "./template-size.js";
