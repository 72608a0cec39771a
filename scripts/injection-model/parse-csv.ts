/**
 * RFC 4180 CSV: fields separated by commas, optionally in double quotes, where a quoted field may
 * hold commas, line breaks and doubled quotes (""). Returns the rows as arrays of fields. Fields
 * are cut from the text with slice (flat strings, as a JSON parser gives), not built by
 * concatenation.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  const length = text.length;
  while (index < length) {
    let field: string;
    if (text[index] === '"') {
      const pieces: string[] = [];
      let start = index + 1;
      index = start;
      for (;;) {
        const quote = text.indexOf('"', index);
        if (quote < 0) throw new Error("CSV ends inside a quoted field");
        if (text[quote + 1] === '"') {
          pieces.push(text.slice(start, quote + 1));
          index = quote + 2;
          start = index;
          continue;
        }
        pieces.push(text.slice(start, quote));
        index = quote + 1;
        break;
      }
      field = pieces.join("");
    } else {
      let end = index;
      while (end < length && text[end] !== "," && text[end] !== "\n" && text[end] !== "\r")
        end += 1;
      field = text.slice(index, end);
      index = end;
    }
    row.push(field);
    if (text[index] === ",") {
      index += 1;
      if (index === length) row.push("");
      continue;
    }
    if (text[index] === "\r") index += 1;
    if (text[index] === "\n") index += 1;
    rows.push(row);
    row = [];
  }
  if (row.length > 0) rows.push(row);
  return rows;
}
