/**
 * nunjucks' `striptags` filter in linear time. The original removes tags with
 * `/<\/?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->/gi` and trailing spaces with `/ +$/gm`, both of
 * which backtrack quadratically (many `<a` with no `>`, a long run of spaces inside a line):
 * a few hundred kilobytes of crafted input would hold the server for minutes, inside one call
 * no time limit can interrupt. Same output as the original (property-tested against it).
 */

const isAsciiLetter = (code: number) => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isWordCharacter = (code: number) =>
  isAsciiLetter(code) || isAsciiDigit(code) || code === 0x5f;

/** First index of `needle` at or after a position, remembered so that the scan stays linear. */
function cachedSearch(text: string, needle: string): (from: number) => number {
  let found = -2;
  return (from) => {
    if (found === -1 || found >= from) return found;
    found = text.indexOf(needle, from);
    return found;
  };
}

function removeTags(text: string): string {
  const nextClose = cachedSearch(text, ">");
  const nextCommentEnd = cachedSearch(text, "-->");
  let result = "";
  let copied = 0;
  let index = 0;
  for (let open = text.indexOf("<", index); open !== -1; open = text.indexOf("<", index)) {
    let end = -1;
    let name = open + 1;
    if (text.charCodeAt(name) === 0x2f) name++;
    if (isAsciiLetter(text.charCodeAt(name))) {
      let after = name + 1;
      while (isAsciiLetter(text.charCodeAt(after)) || isAsciiDigit(text.charCodeAt(after))) after++;
      // `\b` after the name: the next character is not a word character (or there is none).
      if (!isWordCharacter(text.charCodeAt(after))) {
        const close = nextClose(after);
        if (close !== -1) end = close + 1;
      }
    }
    if (end === -1 && text.startsWith("<!--", open)) {
      const close = nextCommentEnd(open + 4);
      if (close !== -1) end = close + 3;
    }
    if (end === -1) {
      index = open + 1;
      continue;
    }
    result += text.slice(copied, open);
    copied = end;
    index = end;
  }
  return result + text.slice(copied);
}

/** `/^ +| +$/gm`: spaces at the start and end of every line. */
function trimLineSpaces(text: string): string {
  return text
    .split(/(\r|\n|\u2028|\u2029)/)
    .map((part) => {
      let start = 0;
      let end = part.length;
      while (start < end && part.charCodeAt(start) === 0x20) start++;
      while (end > start && part.charCodeAt(end - 1) === 0x20) end--;
      return part.slice(start, end);
    })
    .join("");
}

/** The text of `striptags(input, preserveLinebreaks)` for a string input. */
export function stripTags(input: string, preserveLinebreaks: unknown): string {
  const trimmed = removeTags(input).trim();
  if (!preserveLinebreaks) return trimmed.replace(/\s+/g, " ");
  return trimLineSpaces(trimmed)
    .replace(/ +/g, " ")
    .replace(/\r\n/g, "\n")
    .replace(/\n\n\n+/g, "\n\n");
}
