/**
 * Characters XML 1.0 cannot hold at all, even escaped: control characters other than tab,
 * newline and carriage return, lone surrogates, U+FFFE and U+FFFF. A model's output may hold any
 * of them; they are replaced by U+FFFD so the report stays well-formed.
 */
const notXmlCharacters =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for XML or HTML element content or a quoted attribute value. */
export function escapeMarkup(text: string): string {
  return text
    .replace(notXmlCharacters, "\ufffd")
    .replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** An attribute value that keeps its line breaks (XML folds raw newlines in attributes to spaces). */
export function escapeAttribute(text: string): string {
  return escapeMarkup(text).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
