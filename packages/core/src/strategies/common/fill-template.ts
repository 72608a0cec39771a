import { QuireError } from "../../errors/index.js";

const placeholder = /\{\{\s*([A-Za-z][\w]*)\s*\}\}/g;

/**
 * Checks that a strategy prompt template uses only the placeholders it will be given, so a typo
 * fails before the first model call. `what` names the template in the message.
 */
export function checkTemplate(template: string, allowed: readonly string[], what: string): void {
  for (const match of template.matchAll(placeholder)) {
    const name = match[1] as string;
    if (!allowed.includes(name)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `The ${what} uses {{${name}}}, which it is not given; it may use ${allowed.map((each) => `{{${each}}}`).join(", ")}`,
        { details: { template: what, placeholder: name, allowed } },
      );
    }
  }
}

/** The template with each `{{name}}` replaced by its value, as written (no escaping). */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(placeholder, (whole, name: string) => values[name] ?? whole);
}
