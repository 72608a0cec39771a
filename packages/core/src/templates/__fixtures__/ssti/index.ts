import { handlebarsPayloads } from "./handlebars-payloads.js";
import { jinja2Payloads } from "./jinja2-payloads.js";
import { liquidPayloads } from "./liquid-payloads.js";
import { mustachePayloads } from "./mustache-payloads.js";
import type { SstiCorpus } from "./ssti-payload.js";

export { type SstiCorpus, type SstiPayload, sstiVariables } from "./ssti-payload.js";

/** Server-side template injection payloads, per engine (see each file for the sources). */
export const sstiCorpus: SstiCorpus = {
  handlebars: handlebarsPayloads,
  jinja2: jinja2Payloads,
  liquid: liquidPayloads,
  mustache: mustachePayloads,
};
