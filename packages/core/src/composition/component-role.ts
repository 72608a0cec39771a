import { QuireError } from "../errors/index.js";

/** What part of a prompt a component plays, for the layout composers. */
export const componentRoles = [
  "system",
  "context",
  "instructions",
  "examples",
  "input",
  "output-format",
  "constraints",
] as const;
export type ComponentRole = (typeof componentRoles)[number];

/** A component's role and its place among components of the same role (lower first). */
export interface ComponentLayoutHint {
  role: ComponentRole;
  order?: number;
}

/**
 * What is wrong with `metadata.component` of a version, or undefined when it is absent or valid.
 * Its shape: `{role: "constraints", order: 2}` (order optional, any finite number).
 */
export function componentLayoutProblem(metadata: Record<string, unknown>): string | undefined {
  const hint = metadata.component;
  if (hint === undefined) return undefined;
  if (hint === null || typeof hint !== "object" || Array.isArray(hint)) {
    return 'metadata.component must be an object like {role: "constraints", order: 2}';
  }
  const { role, order } = hint as Record<string, unknown>;
  if (typeof role !== "string" || !(componentRoles as readonly string[]).includes(role)) {
    return `metadata.component.role must be one of ${componentRoles.join(", ")}; got ${JSON.stringify(role) ?? "nothing"}`;
  }
  if (order !== undefined && !(typeof order === "number" && Number.isFinite(order))) {
    return `metadata.component.order must be a number; got ${JSON.stringify(order)}`;
  }
  return undefined;
}

/**
 * The layout hint a version's metadata carries (`metadata.component`), or undefined without one.
 * @throws QuireError("VALIDATION_FAILED") for a malformed hint, naming the field.
 */
export function componentLayoutOf(
  metadata: Record<string, unknown>,
): ComponentLayoutHint | undefined {
  const problem = componentLayoutProblem(metadata);
  if (problem !== undefined) {
    throw new QuireError("VALIDATION_FAILED", `${problem}.`, {
      details: { field: "metadata.component", problem },
    });
  }
  const hint = metadata.component as { role: ComponentRole; order?: number } | undefined;
  if (hint === undefined) return undefined;
  return hint.order === undefined ? { role: hint.role } : { role: hint.role, order: hint.order };
}
