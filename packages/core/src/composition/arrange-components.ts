import { QuireError } from "../errors/index.js";
import type { MessageTemplate, PromptContent } from "../prompts/prompt-content.js";
import { type ComponentRole, componentLayoutOf, componentRoles } from "./component-role.js";

/** A component to lay out: its text, or (a chat component) its messages. */
export interface LayoutComponent {
  name: string;
  role: ComponentRole;
  order?: number;
  text?: string;
  messages?: MessageTemplate[];
}

/**
 * The default order of roles in a layout: who the model is, what it works on, what to do, the
 * rules, examples, the answer's format, and the input last (closest to where the answer starts).
 */
export const defaultRoleOrder: readonly ComponentRole[] = [
  "system",
  "context",
  "instructions",
  "constraints",
  "examples",
  "output-format",
  "input",
];

/**
 * A layout component from a stored version: role and order from `metadata.component`, else
 * `fallbackRole`; the template as text, or its messages for a chat prompt written as a list.
 * @throws QuireError("VALIDATION_FAILED") when the version has no role and none is given.
 */
export function layoutComponentOf(
  name: string,
  content: Pick<PromptContent, "template" | "metadata">,
  fallbackRole?: ComponentRole,
): LayoutComponent {
  const hint = componentLayoutOf(content.metadata);
  const role = hint?.role ?? fallbackRole;
  if (role === undefined) {
    throw new QuireError(
      "VALIDATION_FAILED",
      `Component "${name}" has no role: set metadata.component.role (one of ${componentRoles.join(", ")}) on its version, or pass a role for it.`,
      { details: { component: name, field: "metadata.component.role" } },
    );
  }
  const base = { name, role, ...(hint?.order === undefined ? {} : { order: hint.order }) };
  return typeof content.template === "string"
    ? { ...base, text: content.template }
    : {
        ...base,
        messages: content.template.map(({ role: r, content: c }) => ({ role: r, content: c })),
      };
}

/**
 * Components in layout order: by role (`roleOrder`, default `defaultRoleOrder`), then by order
 * hint (lower first; components without one after those with one), then as given. Roles missing
 * from `roleOrder` come last, in the order they first appear.
 */
export function arrangeComponents(
  components: readonly LayoutComponent[],
  roleOrder: readonly ComponentRole[] = defaultRoleOrder,
): LayoutComponent[] {
  const firstSeen = [...new Set(components.map((component) => component.role))];
  const rank = (role: ComponentRole) => {
    const index = roleOrder.indexOf(role);
    return index === -1 ? roleOrder.length + firstSeen.indexOf(role) : index;
  };
  return components
    .map((component, index) => ({ component, index }))
    .sort((left, right) => {
      const byRole = rank(left.component.role) - rank(right.component.role);
      if (byRole !== 0) return byRole;
      const leftOrder = left.component.order ?? Number.POSITIVE_INFINITY;
      const rightOrder = right.component.order ?? Number.POSITIVE_INFINITY;
      if (leftOrder !== rightOrder) return leftOrder < rightOrder ? -1 : 1;
      return left.index - right.index;
    })
    .map(({ component }) => component);
}
