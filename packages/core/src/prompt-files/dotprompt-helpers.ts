import type Handlebars from "handlebars";

/**
 * Registers Dotprompt's helpers (`role`, `json`, `history`, `section`, `media`, `ifEquals`,
 * `unlessEquals`) on a Handlebars environment, with the same output as the dotprompt package.
 */
export function registerDotpromptHelpers(_environment: typeof Handlebars): void {
  // implemented by the prompt-files work
}
