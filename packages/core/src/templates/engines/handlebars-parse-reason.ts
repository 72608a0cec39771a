/**
 * Handlebars' grammar errors ("Expecting 'CLOSE', 'ID', got 'INVALID'") as a sentence:
 * `found "%", which cannot appear here; expected "}}", "(" or a name`.
 */

/** Every terminal of Handlebars' grammar as a noun phrase: fits "found …" and "expected …". */
export const handlebarsTokenNames: Readonly<Record<string, string>> = {
  EOF: "the end of the template",
  COMMENT: "a comment {{!…}}",
  CONTENT: "text",
  END_RAW_BLOCK: '"{{{{/"',
  OPEN_RAW_BLOCK: '"{{{{"',
  CLOSE_RAW_BLOCK: '"}}}}"',
  OPEN_BLOCK: '"{{#"',
  CLOSE: '"}}"',
  OPEN_INVERSE: '"{{^"',
  OPEN_INVERSE_CHAIN: '"{{else …"',
  INVERSE: '"{{else}}"',
  OPEN_ENDBLOCK: '"{{/"',
  OPEN: '"{{"',
  OPEN_UNESCAPED: '"{{{"',
  CLOSE_UNESCAPED: '"}}}"',
  OPEN_PARTIAL: '"{{>"',
  OPEN_PARTIAL_BLOCK: '"{{#>"',
  OPEN_SEXPR: '"("',
  CLOSE_SEXPR: '")"',
  ID: "a name",
  EQUALS: '"="',
  OPEN_BLOCK_PARAMS: '"as |"',
  CLOSE_BLOCK_PARAMS: '"|"',
  STRING: "a string",
  NUMBER: "a number",
  BOOLEAN: "true or false",
  UNDEFINED: "undefined",
  NULL: "null",
  DATA: "an @variable",
  SEP: 'a path separator ("." or "/")',
  INVALID: "a character that cannot appear here",
};

function describeToken(token: string): string {
  return handlebarsTokenNames[token] ?? `"${token.toLowerCase()}"`;
}

/** "a, b or c" */
function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

/**
 * The reason for a grammar error `message`; `text` is what the lexer matched at the error
 * (shown for a character the lexer refused, which the token name alone does not say).
 */
export function handlebarsParseReason(message: string, text?: string): string {
  const expectation = /Expecting (.*), got '([^']*)'/.exec(message);
  if (expectation === null) return message.split("\n")[0] ?? message;
  const got = expectation[2] ?? "";
  if (got === "EOF") {
    return "the template ended too early: a block ({{#if}}, {{#each}}…) is not closed with {{/…}}, or a tag is not finished";
  }
  const found =
    got === "INVALID" && text !== undefined && text !== ""
      ? `${JSON.stringify(text)}, which cannot appear here`
      : describeToken(got);
  const expected = [...(expectation[1] ?? "").matchAll(/'([^']*)'/g)]
    .map((match) => describeToken(match[1] ?? ""))
    .filter((name, index, all) => all.indexOf(name) === index);
  return `found ${found}; expected ${listOf(expected)}`;
}
