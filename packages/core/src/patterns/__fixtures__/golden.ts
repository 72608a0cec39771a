import { readFileSync } from "node:fs";

/** A golden output kept in this folder; files end with one newline, the outputs with none. */
export function golden(fileName: string): string {
  return readFileSync(new URL(`./${fileName}`, import.meta.url), "utf8").replace(/\n$/, "");
}
