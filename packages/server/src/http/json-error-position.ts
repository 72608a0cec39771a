/**
 * Finds the offset where a JSON text stops being valid, for error messages that say where the
 * JSON broke (V8's own messages give a position only for some errors). Only runs after
 * `JSON.parse` has failed, so it favours clarity over speed.
 */
export function jsonErrorPosition(text: string): number {
  let index = 0;

  const fail = (): never => {
    throw new StopAt(index);
  };
  const skipWhitespace = () => {
    while (index < text.length && " \t\n\r".includes(text[index]!)) index++;
  };
  const expect = (literal: string) => {
    for (const character of literal) {
      if (text[index] !== character) fail();
      index++;
    }
  };
  const readString = () => {
    expect('"');
    while (true) {
      const character = text[index];
      if (character === undefined || character < " ") fail();
      if (character === '"') {
        index++;
        return;
      }
      if (character === "\\") {
        index++;
        const escaped = text[index];
        if (escaped === "u") {
          index++;
          for (let digit = 0; digit < 4; digit++) {
            if (!/[0-9a-fA-F]/.test(text[index] ?? "")) fail();
            index++;
          }
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) index++;
        else fail();
      } else index++;
    }
  };
  const isDigit = (character: string | undefined) =>
    character !== undefined && character >= "0" && character <= "9";
  const readDigits = () => {
    if (!isDigit(text[index])) fail();
    while (isDigit(text[index])) index++;
  };
  const readNumber = () => {
    if (text[index] === "-") index++;
    if (text[index] === "0") index++;
    else readDigits();
    if (text[index] === ".") {
      index++;
      readDigits();
    }
    if (text[index] === "e" || text[index] === "E") {
      index++;
      if (text[index] === "+" || text[index] === "-") index++;
      readDigits();
    }
  };
  const readObject = () => {
    index++;
    skipWhitespace();
    if (text[index] === "}") {
      index++;
      return;
    }
    while (true) {
      skipWhitespace();
      readString();
      skipWhitespace();
      expect(":");
      readValue();
      skipWhitespace();
      if (text[index] !== ",") break;
      index++;
    }
    expect("}");
  };
  const readArray = () => {
    index++;
    skipWhitespace();
    if (text[index] === "]") {
      index++;
      return;
    }
    while (true) {
      readValue();
      skipWhitespace();
      if (text[index] !== ",") break;
      index++;
    }
    expect("]");
  };
  const literals: Record<string, string> = { t: "true", f: "false", n: "null" };
  function readValue(): void {
    skipWhitespace();
    const character = text[index];
    const literal = character === undefined ? undefined : literals[character];
    if (character === "{") readObject();
    else if (character === "[") readArray();
    else if (character === '"') readString();
    else if (literal !== undefined) expect(literal);
    else if (character === "-" || isDigit(character)) readNumber();
    else fail();
  }

  try {
    readValue();
    skipWhitespace();
    if (index < text.length) fail();
  } catch (error) {
    if (error instanceof StopAt) return error.position;
    throw error;
  }
  return text.length;
}

class StopAt {
  constructor(readonly position: number) {}
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < position && index < text.length; index++) {
    if (text[index] === "\n") {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}
