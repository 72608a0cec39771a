/**
 * Component references with a selector (`{{> header@production}}`, `{{> header:3}}`) in local
 * `.prompt` files. Handlebars' parser (which Dotprompt and `parsePromptFile` use) refuses `@` in
 * a partial's name, so around those parsers the selector is masked, or dropped for a local render
 * (locally a reference means the `_name.prompt` file beside it, whatever the selector).
 */
const labelled = /(\{\{~?>\s*[A-Za-z0-9_][A-Za-z0-9_./-]*)@(?=[a-z][a-z0-9_.-]*[\s}~])/g;
const masked = /(\{\{~?>\s*[A-Za-z0-9_][A-Za-z0-9_./-]*)\$(?=[a-z][a-z0-9_.-]*[\s}~])/g;
const selector = /(\{\{~?>\s*[A-Za-z0-9_][A-Za-z0-9_./-]*)(?:@[a-z][a-z0-9_.-]*|:\d+)(?=[\s}~])/g;

/** `{{> a@b}}` → `{{> a$b}}`: the same length, and a name Handlebars' parser accepts. */
export function maskLabelSelectors(source: string): string {
  return source.replace(labelled, "$1$");
}

/** Undoes `maskLabelSelectors` (prompt names never hold `$`). */
export function unmaskLabelSelectors(text: string): string {
  return text.replace(masked, "$1@");
}

/** `{{> a@b}}` and `{{> a:3}}` → `{{> a}}`. */
export function dropSelectors(source: string): string {
  return source.replace(selector, "$1");
}
