import type { MessageTemplate } from "../prompts/prompt-content.js";
import { arrangeComponents, defaultRoleOrder, type LayoutComponent } from "./arrange-components.js";
import type { ComponentRole } from "./component-role.js";

/** How a role's components are marked: `## Heading`, `<role>…</role>`, or not at all. */
export type SectionStyle = "markdown" | "xml" | "plain";

export interface LayoutOptions {
  /** Default `markdown`. */
  style?: SectionStyle;
  /** Between sections and between components of one section (default a blank line). */
  separator?: string;
  /** Order of the roles (default `defaultRoleOrder`). */
  roleOrder?: readonly ComponentRole[];
  /** Markdown headings per role; an empty heading writes none. */
  headings?: Partial<Record<ComponentRole, string>>;
}

export const defaultHeadings: Readonly<Record<ComponentRole, string>> = {
  system: "",
  context: "Context",
  instructions: "Instructions",
  constraints: "Constraints",
  examples: "Examples",
  "output-format": "Output format",
  input: "Input",
};

/** A message list as text: one `Role: content` line (or block) per message. */
function transcript(messages: readonly MessageTemplate[]): string {
  return messages
    .map((message) => {
      const role = message.role.charAt(0).toUpperCase() + message.role.slice(1);
      return `${role}: ${message.content.trim()}`;
    })
    .join("\n");
}

/** A component's text, trimmed; a chat component's messages as a transcript. */
export function componentText(component: LayoutComponent): string {
  if (component.messages !== undefined) return transcript(component.messages);
  return (component.text ?? "").trim();
}

/** Arranges the components and writes them as sections, one per role, in layout order. */
export function renderSections(
  components: readonly LayoutComponent[],
  options: LayoutOptions = {},
): string {
  const style = options.style ?? "markdown";
  const separator = options.separator ?? "\n\n";
  const arranged = arrangeComponents(components, options.roleOrder ?? defaultRoleOrder);
  const groups: { role: ComponentRole; texts: string[] }[] = [];
  for (const component of arranged) {
    const text = componentText(component);
    if (text === "") continue;
    const last = groups.at(-1);
    if (last?.role === component.role) last.texts.push(text);
    else groups.push({ role: component.role, texts: [text] });
  }
  return groups
    .map(({ role, texts }) => {
      const body = texts.join(separator);
      if (style === "plain" || role === "system") return body;
      if (style === "xml") return `<${role}>\n${body}\n</${role}>`;
      const heading = options.headings?.[role] ?? defaultHeadings[role];
      return heading === "" ? body : `## ${heading}\n${body}`;
    })
    .join(separator);
}
