import { QuireError } from "@quire/core";
import { parseConfigText } from "../src/config/load-config-file.js";

/** The message quire.toml's loader refuses `text` with; fails the test when it is accepted. */
export function refusalOf(text: string): string {
  try {
    parseConfigText(text, "quire.toml");
  } catch (error) {
    if (error instanceof QuireError) return error.message;
    throw error;
  }
  throw new Error("expected quire.toml to be refused");
}
