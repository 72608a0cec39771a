import type { ComponentReference } from "./component-reference.js";

/**
 * One `{{> reference}}` in one template string (a text template, a chat string, or the content
 * of one message). Offsets are UTF-16 indexes into that string; `line` and `column` are 1-based.
 */
export interface ReferenceSite {
  reference: ComponentReference;
  /** The reference as written between `{{>` and `}}` (or before a Handlebars call's arguments). */
  written: string;
  line: number;
  column: number;
  /** The whole tag: `source.slice(start, end)` is `{{> support/guidelines@production}}`. */
  start: number;
  end: number;
  /** The reference inside the tag: `source.slice(nameStart, nameEnd)` is `written`. */
  nameStart: number;
  nameEnd: number;
  /**
   * `inline`: the tag is replaced by the component's text. `call`: a Handlebars partial call with
   * arguments (`{{> footer signature="The team"}}`), rendered as a partial with that context.
   */
  form: "inline" | "call";
  /** Handlebars whitespace control on the tag: `{{~>` (open) and `~}}` (close). */
  strip: { open: boolean; close: boolean };
}

/** Where a template string sits in a prompt: its message (0-based) when the template is a list. */
export interface ComponentReferenceSite extends ReferenceSite {
  message?: number;
}
