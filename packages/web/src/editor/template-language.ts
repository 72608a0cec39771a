import { StreamLanguage, type StreamParser } from "@codemirror/language";
import { jinja2 } from "@codemirror/legacy-modes/mode/jinja2";
import type { EngineName } from "@quire/core";

interface MustacheState {
  /** Inside `{{ … }}` (or `{{{ … }}}`), and which closing it waits for. */
  inTag: boolean;
  close: string;
  inComment: boolean;
}

const blockWords =
  /^(?:if|else|unless|each|with|let|lookup|log|role|json|history|section|media|ifEquals|unlessEquals|this)\b/;

/**
 * Handlebars and Mustache (Dotprompt's dialect): `{{var.path}}`, blocks `{{#if}}…{{/if}}`,
 * comments `{{! }}` / `{{!-- --}}`, partials `{{> name}}`, raw `{{{ }}}`; the rest is text.
 */
export const mustacheParser: StreamParser<MustacheState> = {
  name: "handlebars",
  startState: () => ({ inTag: false, close: "}}", inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo(state.close)) {
        stream.match(state.close);
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return "comment";
    }
    if (!state.inTag) {
      if (stream.match("{{!--")) {
        state.inComment = true;
        state.close = "--}}";
        return "comment";
      }
      if (stream.match("{{!")) {
        state.inComment = true;
        state.close = "}}";
        return "comment";
      }
      if (stream.match(/^\{\{\{?~?/)) {
        state.inTag = true;
        state.close = stream.current().startsWith("{{{") ? "}}}" : "}}";
        return "bracket";
      }
      // Text up to the next tag.
      if (stream.skipTo("{{")) {
        if (stream.current() === "") stream.next();
      } else {
        stream.skipToEnd();
      }
      return null;
    }
    if (stream.match(/^~?\}\}\}?/)) {
      state.inTag = false;
      return "bracket";
    }
    if (stream.eatSpace()) return null;
    if (stream.match(/^[#/^>&]/)) return "keyword";
    if (stream.match(/^else\b/)) return "keyword";
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) return "string";
    if (stream.match(/^-?\d+(?:\.\d+)?/)) return "number";
    if (stream.match(/^(?:true|false|null|undefined)\b/)) return "atom";
    if (stream.match(blockWords)) return "keyword";
    if (stream.match(/^@?[\w$-]+(?:\.[\w$-]+)*/)) return "variableName";
    stream.next();
    return "operator";
  },
};

const handlebarsLanguage = StreamLanguage.define(mustacheParser);
const jinjaLanguage = StreamLanguage.define(jinja2);

/** Highlighting for a prompt's engine (Liquid shares Jinja's `{{ }}` / `{% %}` syntax). */
export function templateLanguage(engine: EngineName): StreamLanguage<unknown> {
  return (
    engine === "jinja2" || engine === "liquid" ? jinjaLanguage : handlebarsLanguage
  ) as StreamLanguage<unknown>;
}
