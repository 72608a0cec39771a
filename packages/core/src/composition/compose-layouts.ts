import type { MessageTemplate } from "../prompts/prompt-content.js";
import { arrangeComponents, type LayoutComponent } from "./arrange-components.js";
import type { ComponentRole } from "./component-role.js";
import { type LayoutOptions, renderSections } from "./layout-sections.js";

/** Roles that set the model up: in the system message of the chat layouts. */
const systemRoles: ReadonlySet<ComponentRole> = new Set([
  "system",
  "instructions",
  "constraints",
  "output-format",
]);

function withRoles(
  components: readonly LayoutComponent[],
  keep: (component: LayoutComponent) => boolean,
): LayoutComponent[] {
  return components.filter(keep);
}

function messagesOf(
  system: string,
  turns: readonly MessageTemplate[],
  user: string,
): MessageTemplate[] {
  return [
    ...(system === "" ? [] : [{ role: "system", content: system }]),
    ...turns,
    ...(user === "" ? [] : [{ role: "user", content: user }]),
  ];
}

/**
 * One text: a section per role in layout order (see `arrangeComponents`), components of a role
 * together; a chat component is written as a `Role: content` transcript.
 */
export function composeTextLayout(
  components: readonly LayoutComponent[],
  options: LayoutOptions = {},
): string {
  return renderSections(components, options);
}

/**
 * A system message (system, instructions, constraints, output format) and a user message
 * (context, examples, input). Examples are text here, chat examples as a transcript.
 */
export function composeChatLayout(
  components: readonly LayoutComponent[],
  options: LayoutOptions = {},
): MessageTemplate[] {
  const system = renderSections(
    withRoles(components, (component) => systemRoles.has(component.role)),
    options,
  );
  const user = renderSections(
    withRoles(components, (component) => !systemRoles.has(component.role)),
    options,
  );
  return messagesOf(system, [], user);
}

/**
 * Few-shot: the system message (as in the chat layout), then each chat example component's
 * messages as turns of their own (user asks, assistant answers), then a user message with the
 * context and input. Text examples, which hold no turns, go into the system message.
 */
export function composeFewShotLayout(
  components: readonly LayoutComponent[],
  options: LayoutOptions = {},
): MessageTemplate[] {
  const isTurns = (component: LayoutComponent) =>
    component.role === "examples" && component.messages !== undefined;
  const system = renderSections(
    withRoles(
      components,
      (component) =>
        systemRoles.has(component.role) || (component.role === "examples" && !isTurns(component)),
    ),
    options,
  );
  const turns = arrangeComponents(components.filter(isTurns)).flatMap((component) =>
    (component.messages ?? []).map((message) => ({
      role: message.role,
      content: message.content.trim(),
    })),
  );
  const user = renderSections(
    withRoles(
      components,
      (component) => component.role === "context" || component.role === "input",
    ),
    options,
  );
  return messagesOf(system, turns, user);
}
