import type Handlebars from "handlebars";
import { markerPrefixes } from "./rendered-messages.js";

/** The helpers a Dotprompt template may call (besides Handlebars' own `if`, `each`, `with`…). */
export const dotpromptHelperNames = [
  "role",
  "json",
  "history",
  "section",
  "media",
  "ifEquals",
  "unlessEquals",
] as const;

/** `knownHelpers` for Handlebars' compiler, as Dotprompt compiles with `knownHelpersOnly`. */
export function dotpromptKnownHelpers(): Record<string, true> {
  const known: Record<string, true> = {};
  for (const name of dotpromptHelperNames) known[name] = true;
  return known;
}

interface HashOptions {
  hash: Record<string, unknown>;
}

/**
 * Registers Dotprompt's helpers (`role`, `json`, `history`, `section`, `media`, `ifEquals`,
 * `unlessEquals`) on a Handlebars environment, with the same output as the dotprompt package.
 * The helpers are positional exactly like Dotprompt's (`{{json value indent=2}}`,
 * `{{media url=… contentType=…}}`), and emit the marker strings `toRenderedMessages` splits on.
 */
export function registerDotpromptHelpers(environment: typeof Handlebars): void {
  const { SafeString } = environment;

  environment.registerHelper(
    "role",
    (role: unknown) => new SafeString(`${markerPrefixes.role}${String(role)}>>>`),
  );

  environment.registerHelper("history", () => new SafeString(`${markerPrefixes.history}>>>`));

  environment.registerHelper(
    "section",
    (name: unknown) => new SafeString(`${markerPrefixes.section} ${String(name)}>>>`),
  );

  // JSON.stringify gives undefined for undefined input; Dotprompt wraps that as is, and
  // Handlebars then prints "undefined". Keep that behaviour.
  environment.registerHelper(
    "json",
    (value: unknown, options: HashOptions) =>
      new SafeString(
        JSON.stringify(
          value,
          null,
          (options.hash.indent as number | string | undefined) || 0,
        ) as string,
      ),
  );

  environment.registerHelper("media", (options: HashOptions) => {
    const { url, contentType } = options.hash;
    const suffix = contentType ? ` ${String(contentType)}` : "";
    return new SafeString(`${markerPrefixes.media}url ${String(url)}${suffix}>>>`);
  });

  environment.registerHelper(
    "ifEquals",
    function (this: unknown, left: unknown, right: unknown, options: Handlebars.HelperOptions) {
      return left === right ? options.fn(this) : options.inverse(this);
    },
  );

  environment.registerHelper(
    "unlessEquals",
    function (this: unknown, left: unknown, right: unknown, options: Handlebars.HelperOptions) {
      return left !== right ? options.fn(this) : options.inverse(this);
    },
  );
}
