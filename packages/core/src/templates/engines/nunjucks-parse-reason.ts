/** nunjucks' parser messages in the words a template author uses ("}}", not "variable end"). */

const tokenTypeNames: Readonly<Record<string, string>> = {
  "variable end": '"}}"',
  "variable-end": '"}}"',
  "variable-start": '"{{"',
  "block end": '"%}"',
  "block-end": '"%}"',
  "block-start": '"{%"',
  symbol: "a name",
  string: "a string",
  int: "a number",
  float: "a number",
  boolean: "true or false",
  "left-paren": '"("',
  "right-paren": '")"',
  "left-bracket": '"["',
  "right-bracket": '"]"',
  "left-curly": '"{"',
  "right-curly": '"}"',
  comma: '","',
  colon: '":"',
  pipe: '"|"',
};

function nameOf(tokenType: string): string {
  return tokenTypeNames[tokenType] ?? tokenType;
}

/** The reason to show for nunjucks' `message` (its "(path) [Line, Column]" prefix removed). */
export function nunjucksParseReason(message: string): string {
  const expectedGot = /^expected (.+), got (.+)$/.exec(message);
  if (expectedGot !== null) {
    return `expected ${nameOf(expectedGot[1] ?? "")}, found ${nameOf(expectedGot[2] ?? "")}`;
  }
  const expectedEnd = /^expected (variable end|block end)(?: in (\w+) statement)?$/.exec(message);
  if (expectedEnd !== null) {
    const where = expectedEnd[2] === undefined ? "" : ` to end the "${expectedEnd[2]}" tag`;
    return `expected ${nameOf(expectedEnd[1] ?? "")}${where}`;
  }
  if (message === 'expected "in" keyword for loop') {
    return 'expected "in" after the loop variable, as in {% for item in items %}';
  }
  const unexpected = /^unexpected token: (.*)$/.exec(message);
  if (unexpected !== null) return `unexpected "${unexpected[1]}"`;
  const unknownTag = /^unknown block tag: (\w+)$/.exec(message);
  if (unknownTag !== null) {
    const name = unknownTag[1] ?? "";
    return name.startsWith("end")
      ? `{% ${name} %} does not close an open tag here`
      : `unknown tag "${name}"`;
  }
  return message;
}
