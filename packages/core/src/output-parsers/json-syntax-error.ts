/** Where and why a text is not valid JSON. */
export interface JsonSyntaxProblem {
  /** Offset of the first character that cannot be read as JSON. */
  offset: number;
  reason: string;
}

class SyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const escapes = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);

/**
 * The first syntax error of `text` read as one JSON value, or undefined when it is valid. Only
 * used after JSON.parse has failed: it gives the same place and words in every JavaScript engine
 * (their own messages differ, and some omit the position).
 */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let index = 0;
  const fail = (reason: string): never => {
    throw new SyntaxProblem(index, index >= text.length ? `${reason}, but the text ends` : reason);
  };
  const skipSpace = () => {
    while (index < text.length && " \t\n\r".includes(text[index] as string)) index += 1;
  };
  const expect = (character: string, what: string) => {
    skipSpace();
    if (text[index] !== character) fail(`expected ${what}`);
    index += 1;
  };
  const readString = () => {
    index += 1; // the opening quote
    while (index < text.length) {
      const character = text[index] as string;
      if (character === '"') {
        index += 1;
        return;
      }
      if (character < " ")
        fail("a string holds a raw control character (write it escaped, as \\n)");
      if (character === "\\") {
        const next = text[index + 1] ?? "";
        if (next === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) index += 6;
        else if (escapes.has(next)) index += 2;
        else fail(`a string holds the invalid escape \\${next}`);
      } else index += 1;
    }
    fail("a string is not closed with a double quote");
  };
  const readValue = (): void => {
    skipSpace();
    const character = text[index];
    if (character === "{") {
      index += 1;
      skipSpace();
      if (text[index] === "}") {
        index += 1;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[index] !== '"') fail("expected a double-quoted property name");
        readString();
        expect(":", "':' after the property name");
        readValue();
        skipSpace();
        if (text[index] === "}") break;
        if (text[index] !== ",") fail("expected ',' or '}' after a property value");
        index += 1;
      }
      index += 1;
    } else if (character === "[") {
      index += 1;
      skipSpace();
      if (text[index] === "]") {
        index += 1;
        return;
      }
      for (;;) {
        readValue();
        skipSpace();
        if (text[index] === "]") break;
        if (text[index] !== ",") fail("expected ',' or ']' after an array item");
        index += 1;
      }
      index += 1;
    } else if (character === '"') readString();
    else {
      for (const literal of ["true", "false", "null"]) {
        if (text.startsWith(literal, index)) {
          index += literal.length;
          return;
        }
      }
      numberPattern.lastIndex = index;
      const number = numberPattern.exec(text);
      if (number === null)
        fail("expected a value (object, array, string, number, true, false or null)");
      index += (number as RegExpExecArray)[0].length;
    }
  };
  try {
    readValue();
    skipSpace();
    if (index < text.length) fail("unexpected text after the JSON value");
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxProblem) return { offset: error.offset, reason: error.reason };
    throw error;
  }
}
