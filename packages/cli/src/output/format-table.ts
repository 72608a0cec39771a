// biome-ignore lint/suspicious/noControlCharactersInRegex: matches ANSI colour escapes
const ansiPattern = /\u001b\[[0-9;]*m/g;

function visibleLength(text: string): number {
  return text.replace(ansiPattern, "").length;
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, index) =>
          index === row.length - 1
            ? cell
            : cell + " ".repeat((widths[index] ?? 0) - visibleLength(cell)),
        )
        .join("  ")
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join("");
}

export function printJson(stdout: { write(text: string): unknown }, value: unknown): void {
  stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
