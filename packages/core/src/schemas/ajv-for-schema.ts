import { Ajv, type Options } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import * as ajvFormats from "ajv-formats";
import { QuireError } from "../errors/index.js";
import type { JsonSchema } from "../prompts/prompt-content.js";

/**
 * The ajv instances Quire validates variables with, one per JSON Schema draft, made on first
 * use. Pure JavaScript (no Node APIs), so this runs in the browser too.
 */
const options: Options = {
  allErrors: true, // report every problem, not only the first
  useDefaults: true, // defaults fill in missing variables
  verbose: true, // errors carry the data and schema they are about
  strict: false, // unknown keywords (title, x-…) are fine in a prompt's schema
};

type FormatsPlugin = (ajv: Ajv) => Ajv;

/** ajv-formats is CommonJS: its function is the module itself or its `default`. */
function formatsPlugin(): FormatsPlugin {
  const imported = ajvFormats as unknown as FormatsPlugin | { default: FormatsPlugin };
  return typeof imported === "function" ? imported : imported.default;
}

const drafts = {
  "2020-12": () => new Ajv2020(options),
  "2019-09": () => new Ajv2019(options),
  "draft-07": () => new Ajv(options),
} as const;

type Draft = keyof typeof drafts;

const instances = new Map<Draft, Ajv>();

function draftOf(schema: JsonSchema): Draft {
  const declared = schema.$schema;
  if (declared === undefined) return "2020-12";
  const draft = (Object.keys(drafts) as Draft[]).find(
    (name) => typeof declared === "string" && declared.includes(name),
  );
  if (draft === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `The input schema declares $schema ${JSON.stringify(declared)}, which Quire does not support; use draft 2020-12 (the default when $schema is left out), 2019-09 or draft-07`,
      { details: { $schema: declared } },
    );
  }
  return draft;
}

/** The ajv instance for the draft the schema declares (2020-12 when it declares none). */
export function ajvForSchema(schema: JsonSchema): Ajv {
  const draft = draftOf(schema);
  let ajv = instances.get(draft);
  if (ajv === undefined) {
    ajv = drafts[draft]();
    formatsPlugin()(ajv);
    instances.set(draft, ajv);
  }
  return ajv;
}
