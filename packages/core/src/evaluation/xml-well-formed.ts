/** Where an XML text stops being well-formed. */
export interface XmlProblem {
  message: string;
  line: number;
  column: number;
}

const namePattern = /^[A-Za-z_:\u00C0-\uFFEF][\w.:\-\u00B7\u00C0-\uFFEF]*/;
const predefinedEntities = new Set(["lt", "gt", "amp", "quot", "apos"]);

class XmlFailure extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/**
 * Checks that a text is well-formed XML 1.0 (one root element, tags nested and closed, attributes
 * quoted and not repeated, entities known, comments/CDATA/processing instructions closed). A small
 * checker rather than DOMParser, so it runs the same in Node and in the browser. A DOCTYPE is
 * skipped, and with one present any named entity is accepted (it may declare them).
 */
export function xmlProblem(text: string): XmlProblem | undefined {
  try {
    checkDocument(text);
    return undefined;
  } catch (error) {
    if (!(error instanceof XmlFailure)) throw error;
    const before = text.slice(0, error.at).split("\n");
    return {
      message: error.message,
      line: before.length,
      column: (before.at(-1)?.length ?? 0) + 1,
    };
  }
}

function checkDocument(text: string): void {
  const stack: string[] = [];
  let rootSeen = false;
  let hasDoctype = false;
  let position = 0;
  const expectClose = (close: string, what: string) => {
    const end = text.indexOf(close, position);
    if (end < 0) throw new XmlFailure(`${what} is never closed with "${close}"`, position);
    position = end + close.length;
  };
  while (position < text.length) {
    const next = text.indexOf("<", position);
    const chunk = text.slice(position, next < 0 ? text.length : next);
    checkText(chunk, position, hasDoctype);
    if (stack.length === 0 && chunk.trim() !== "") {
      throw new XmlFailure("text outside the root element", position);
    }
    if (next < 0) break;
    position = next;
    if (text.startsWith("<!--", position)) expectClose("-->", "a comment");
    else if (text.startsWith("<![CDATA[", position)) {
      if (stack.length === 0) throw new XmlFailure("CDATA outside the root element", position);
      expectClose("]]>", "a CDATA section");
    } else if (text.startsWith("<?", position)) expectClose("?>", "a processing instruction");
    else if (text.startsWith("<!DOCTYPE", position)) {
      if (rootSeen) throw new XmlFailure("DOCTYPE after the root element", position);
      hasDoctype = true;
      position = doctypeEnd(text, position);
    } else if (text.startsWith("</", position)) {
      const name = namePattern.exec(text.slice(position + 2))?.[0];
      const open = stack.pop();
      if (name === undefined || name !== open) {
        throw new XmlFailure(
          open === undefined ? "a closing tag with no open element" : `expected </${open}>`,
          position,
        );
      }
      position += 2 + name.length;
      while (/\s/.test(text[position] ?? "")) position += 1;
      if (text[position] !== ">")
        throw new XmlFailure(`</${name} is not closed with ">"`, position);
      position += 1;
    } else {
      if (rootSeen && stack.length === 0) {
        throw new XmlFailure("a second root element (XML has exactly one)", position);
      }
      const { name, end, selfClosing } = readStartTag(text, position, hasDoctype);
      rootSeen = true;
      if (!selfClosing) stack.push(name);
      position = end;
    }
  }
  if (stack.length > 0) throw new XmlFailure(`<${stack.at(-1)}> is never closed`, text.length);
  if (!rootSeen) throw new XmlFailure("no root element", 0);
}

function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === "[") depth += 1;
    else if (text[index] === "]") depth -= 1;
    else if (text[index] === ">" && depth <= 0) return index + 1;
  }
  throw new XmlFailure("the DOCTYPE is never closed", start);
}

function readStartTag(text: string, start: number, hasDoctype: boolean) {
  const name = namePattern.exec(text.slice(start + 1))?.[0];
  if (name === undefined) throw new XmlFailure('"<" does not start a tag name', start);
  let position = start + 1 + name.length;
  const attributes = new Set<string>();
  for (;;) {
    const spaceStart = position;
    while (/\s/.test(text[position] ?? "")) position += 1;
    if (text.startsWith("/>", position)) return { name, end: position + 2, selfClosing: true };
    if (text[position] === ">") return { name, end: position + 1, selfClosing: false };
    if (position >= text.length) throw new XmlFailure(`<${name} is never closed`, start);
    const attribute = namePattern.exec(text.slice(position))?.[0];
    if (attribute === undefined || position === spaceStart) {
      throw new XmlFailure(`unexpected character in <${name}>`, position);
    }
    if (attributes.has(attribute)) {
      throw new XmlFailure(`attribute ${attribute} is repeated in <${name}>`, position);
    }
    attributes.add(attribute);
    position += attribute.length;
    while (/\s/.test(text[position] ?? "")) position += 1;
    if (text[position] !== "=")
      throw new XmlFailure(`attribute ${attribute} has no value`, position);
    position += 1;
    while (/\s/.test(text[position] ?? "")) position += 1;
    const quote = text[position];
    if (quote !== '"' && quote !== "'") {
      throw new XmlFailure(`the value of ${attribute} is not quoted`, position);
    }
    const close = text.indexOf(quote, position + 1);
    if (close < 0) throw new XmlFailure(`the value of ${attribute} is never closed`, position);
    const value = text.slice(position + 1, close);
    if (value.includes("<")) throw new XmlFailure(`"<" in the value of ${attribute}`, position);
    checkText(value, position + 1, hasDoctype);
    position = close + 1;
  }
}

function checkText(chunk: string, offset: number, hasDoctype: boolean): void {
  let ampersand = chunk.indexOf("&");
  while (ampersand >= 0) {
    const semicolon = chunk.indexOf(";", ampersand);
    const reference = semicolon < 0 ? "" : chunk.slice(ampersand + 1, semicolon);
    const known =
      /^#[0-9]+$/.test(reference) ||
      /^#x[0-9A-Fa-f]+$/.test(reference) ||
      predefinedEntities.has(reference) ||
      (hasDoctype && namePattern.exec(reference)?.[0] === reference && reference !== "");
    if (!known) {
      throw new XmlFailure('"&" does not start a known entity (write &amp;)', offset + ampersand);
    }
    ampersand = chunk.indexOf("&", semicolon);
  }
  if (chunk.includes("]]>")) throw new XmlFailure('"]]>" in text', offset + chunk.indexOf("]]>"));
}
