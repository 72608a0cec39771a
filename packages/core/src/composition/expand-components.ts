import { QuireError } from "../errors/index.js";
import { handlebarsTemplateUsesChatMarkers } from "../prompt-files/handlebars-body.js";
import type { EngineName, MessageTemplate, PromptContent } from "../prompts/prompt-content.js";
import { utf8ByteLength } from "../templates/template-size.js";
import { formatComponentReference } from "./component-reference.js";
import { componentPlacementError, describeSite, type Includer } from "./composition-errors.js";
import { mustacheChangesDelimiters } from "./mustache-reference-sites.js";
import type { ComponentReferenceSite } from "./reference-site.js";
import type { ComponentGraph, ComponentNode } from "./resolve-component-graph.js";
import { applyReplacements, type Replacement } from "./source-offsets.js";

/**
 * A component after its own components are included:
 * - `text`: a text prompt, or a chat string without role markers;
 * - `marked`: a Handlebars chat string with `{{role}}` / `{{history}}` markers;
 * - `messages`: a chat prompt written as a list of messages.
 */
export type ExpandedComponent =
  | { kind: "text"; text: string }
  | { kind: "marked"; text: string }
  | { kind: "messages"; messages: MessageTemplate[] };

/**
 * Where a reference stands: in a text prompt, in (part of) one message of a message list, or in
 * a Handlebars chat string whose `{{role}}` markers split it into messages.
 */
type Placement = "text" | "message" | "marked";

/** Roles a `{{role "…"}}` marker can carry (Dotprompt reads lowercase letters only). */
const markerRole = /^[a-z]+$/;

/**
 * Writes components into their includers: an inline reference is replaced by the component's
 * text exactly (so rendering equals rendering the template with that text pasted in), a
 * Handlebars call with arguments becomes a call of a partial holding that text. See the
 * composition README for which component goes where.
 */
export class ComponentExpander {
  /** Partials for Handlebars calls with arguments: generated name → text. */
  readonly partials: Record<string, string> = Object.create(null);
  private readonly partialNames = new Map<string, string>();
  private readonly expanded = new Map<string, ExpandedComponent>();

  constructor(
    private readonly graph: ComponentGraph,
    private readonly engine: EngineName,
    private readonly maxTemplateBytes: number,
  ) {}

  /** The root's template with every component included. */
  expandRoot(
    includer: Includer,
    content: PromptContent,
    sites: ComponentReferenceSite[],
  ): PromptContent["template"] {
    const { template } = content;
    if (typeof template !== "string") return this.expandMessages(includer, template, sites);
    const placement = content.type === "chat" ? "marked" : "text";
    return this.expandTemplate(includer, template, sites, placement);
  }

  private component(node: ComponentNode): ExpandedComponent {
    const { name, version, content } = node.component;
    const versionKey = `${name}:${version}`;
    const known = this.expanded.get(versionKey);
    if (known !== undefined) return known;
    const includer: Includer = { name, version };
    const { template } = content;
    if (this.engine === "mustache") {
      const sources = typeof template === "string" ? [template] : template.map((m) => m.content);
      if (sources.some(mustacheChangesDelimiters)) {
        throw new QuireError(
          "VALIDATION_FAILED",
          `Component ${versionKey} changes its Mustache delimiters ({{=… …=}}), which would change how its includer's template is read; write the component with the default {{ }} delimiters.`,
          { details: { reason: "component-delimiters", component: versionKey } },
        );
      }
    }
    let result: ExpandedComponent;
    if (typeof template !== "string") {
      result = { kind: "messages", messages: this.expandMessages(includer, template, node.sites) };
    } else if (content.type === "chat") {
      const text = this.expandTemplate(includer, template, node.sites, "marked");
      const marked = this.engine === "handlebars" && handlebarsTemplateUsesChatMarkers(text);
      result = { kind: marked ? "marked" : "text", text };
    } else {
      result = { kind: "text", text: this.expandTemplate(includer, template, node.sites, "text") };
    }
    this.expanded.set(versionKey, result);
    return result;
  }

  private node(site: ComponentReferenceSite): ComponentNode {
    const node = this.graph.nodes.get(formatComponentReference(site.reference));
    if (node === undefined) {
      throw new QuireError("INTERNAL", `Component "${site.written}" was not resolved.`);
    }
    return node;
  }

  /** The text a component contributes where it is included; refuses what cannot go there. */
  private textAt(includer: Includer, site: ComponentReferenceSite, placement: Placement): string {
    const node = this.node(site);
    const component = this.component(node);
    const label = `${node.component.name}:${node.component.version}`;
    if (component.kind === "text") return component.text;
    if (component.kind === "marked") {
      if (placement === "marked") return component.text;
      throw componentPlacementError(
        includer,
        site,
        label,
        'it is a chat prompt whose {{role}} markers split it into messages, and here its text would go into a single message. Include it from a Handlebars chat template (one string with {{role "…"}} markers), or make it a text prompt.',
      );
    }
    const { messages } = component;
    if (placement === "marked") {
      const badRole = messages.find((message) => !markerRole.test(message.role));
      if (badRole !== undefined) {
        throw componentPlacementError(
          includer,
          site,
          label,
          `its message role "${badRole.role}" cannot be written as a {{role}} marker (lowercase letters only).`,
        );
      }
      return messages.map((message) => `{{role "${message.role}"}}${message.content}`).join("");
    }
    const [only] = messages;
    if (messages.length === 1 && only !== undefined) return only.content;
    throw componentPlacementError(
      includer,
      site,
      label,
      `it is a chat prompt of ${messages.length} messages, and here only text can go. Make it a text prompt or a chat prompt of one message; or include it as a whole message ({{> ${site.written}}} alone in a message's content), where its messages take that message's place.`,
    );
  }

  private partialName(site: ComponentReferenceSite, placement: Placement, text: string): string {
    const key = `${formatComponentReference(site.reference)}\u0000${placement === "marked" ? "marked" : "text"}`;
    let name = this.partialNames.get(key);
    if (name === undefined) {
      name = `quire-component-${this.partialNames.size + 1}`;
      this.partialNames.set(key, name);
      this.partials[name] = text;
    }
    return name;
  }

  private expandTemplate(
    includer: Includer,
    source: string,
    sites: readonly ComponentReferenceSite[],
    placement: Placement,
  ): string {
    if (sites.length === 0) return source;
    const replacements: Replacement[] = [];
    for (const site of sites) {
      const text = this.textAt(includer, site, placement);
      if (site.form === "call") {
        const name = this.partialName(site, placement, text);
        replacements.push({ start: site.nameStart, end: site.nameEnd, text: name });
        // Not a standalone tag any more: its line keeps its indentation and line break, as text would.
        replacements.push({
          start: site.end,
          end: site.end,
          text: site.strip.close ? "{{!~}}" : "{{!}}",
        });
      } else {
        const before = site.strip.open ? "{{~!}}" : "";
        const after = site.strip.close ? "{{!~}}" : "";
        replacements.push({ start: site.start, end: site.end, text: `${before}${text}${after}` });
      }
    }
    const expanded = applyReplacements(source, replacements);
    const bytes = utf8ByteLength(expanded);
    if (bytes > this.maxTemplateBytes) {
      const first = sites[0];
      throw new QuireError(
        "PAYLOAD_TOO_LARGE",
        `The template of ${first === undefined ? "the prompt" : describeSite(includer, first).replace(/ \(.*$/, "")} is ${bytes} bytes once its components are included; the limit is ${this.maxTemplateBytes} bytes. Include fewer or smaller components.`,
        {
          details: {
            reason: "component-size",
            bytes,
            limit: this.maxTemplateBytes,
            includedBy: includer.name ?? null,
          },
        },
      );
    }
    return expanded;
  }

  private expandMessages(
    includer: Includer,
    messages: readonly MessageTemplate[],
    sites: readonly ComponentReferenceSite[],
  ): MessageTemplate[] {
    const result: MessageTemplate[] = [];
    messages.forEach((message, index) => {
      const own = sites.filter((site) => site.message === index);
      const [only] = own;
      if (own.length === 1 && only !== undefined && isWholeMessage(message.content, only)) {
        const component = this.component(this.node(only));
        if (component.kind === "messages") {
          result.push(
            ...component.messages.map((part) => ({ role: part.role, content: part.content })),
          );
          return;
        }
      }
      result.push({
        role: message.role,
        content: this.expandTemplate(includer, message.content, own, "message"),
      });
    });
    return result;
  }
}

/** A message whose content is one inline reference and whitespace. */
function isWholeMessage(content: string, site: ComponentReferenceSite): boolean {
  return (
    site.form === "inline" &&
    !site.strip.open &&
    !site.strip.close &&
    content.slice(0, site.start).trim() === "" &&
    content.slice(site.end).trim() === ""
  );
}
