import { componentReferenceProblem, parseComponentReference } from "./component-reference.js";
import { invalidReferenceError } from "./invalid-reference-error.js";
import type { ReferenceSite } from "./reference-site.js";
import { lineStarts, positionOf } from "./source-offsets.js";

/** Regions whose text is never a tag: raw blocks and comments. */
const skippedRegions = {
  jinja2: [/\{%-?\s*(raw|verbatim)\s*-?%\}[\s\S]*?\{%-?\s*end\1\s*-?%\}/g, /\{#[\s\S]*?#\}/g],
  liquid: [
    /\{%-?\s*raw\s*-?%\}[\s\S]*?\{%-?\s*endraw\s*-?%\}/g,
    /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g,
    /\{%-?\s*#[\s\S]*?%\}/g,
  ],
} as const;

/** `{{> reference}}`: Jinja2 and Liquid have no such tag of their own, so Quire reads this one. */
const referencePattern = /\{\{>([^}]*)\}\}/g;

/**
 * The component references of a Jinja2 or Liquid template: every `{{> name}}` outside raw blocks
 * and comments. (The engines' own `{% include %}` / `{% render %}` tags are left alone: they name
 * partials that the caller supplies.)
 * @throws QuireError("TEMPLATE_SYNTAX") for a reference that is not `name`, `name@label` or
 * `name:version`.
 */
export function tagReferenceSites(engine: "jinja2" | "liquid", source: string): ReferenceSite[] {
  if (!source.includes("{{>")) return [];
  const skipped: [number, number][] = [];
  for (const pattern of skippedRegions[engine]) {
    for (const match of source.matchAll(pattern)) {
      skipped.push([match.index, match.index + match[0].length]);
    }
  }
  const starts = lineStarts(source);
  const sites: ReferenceSite[] = [];
  for (const match of source.matchAll(referencePattern)) {
    const start = match.index;
    if (skipped.some(([from, to]) => start >= from && start < to)) continue;
    const inner = match[1] ?? "";
    const written = inner.trim();
    const nameStart = start + 3 + (inner.length - inner.trimStart().length);
    if (componentReferenceProblem(written) !== undefined) {
      throw invalidReferenceError(engine, source, positionOf(starts, nameStart), written);
    }
    const position = positionOf(starts, start);
    sites.push({
      reference: parseComponentReference(written),
      written,
      line: position.line,
      column: position.column,
      start,
      end: start + match[0].length,
      nameStart,
      nameEnd: nameStart + written.length,
      form: "inline",
      strip: { open: false, close: false },
    });
  }
  return sites;
}
