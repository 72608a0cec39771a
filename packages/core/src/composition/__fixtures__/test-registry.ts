/** Test support: an in-memory registry of prompt versions and labels, and its resolver. */
import { QuireError } from "../../errors/index.js";
import type {
  EngineName,
  MessageTemplate,
  PromptContent,
} from "../../prompts/prompt-content.js";
import { formatComponentReference } from "../component-reference.js";
import type { ComponentResolver } from "../resolve-component-graph.js";

export function textContent(
  template: string,
  engine: EngineName = "handlebars",
  metadata: Record<string, unknown> = {},
): PromptContent {
  return { type: "text", engine, template, inputSchema: null, outputSchema: null, config: {}, metadata };
}

export function chatContent(
  template: string | MessageTemplate[],
  engine: EngineName = "handlebars",
): PromptContent {
  return { type: "chat", engine, template, inputSchema: null, outputSchema: null, config: {}, metadata: {} };
}

export class TestRegistry {
  private readonly prompts = new Map<
    string,
    { versions: PromptContent[]; labels: Record<string, number> }
  >();
  /** Every reference the resolver was asked for, in order. */
  readonly calls: string[] = [];

  /** Adds the next version of `name`; returns its number. */
  add(name: string, content: PromptContent, labels: string[] = []): number {
    const entry = this.prompts.get(name) ?? { versions: [], labels: {} };
    entry.versions.push(content);
    this.prompts.set(name, entry);
    const version = entry.versions.length;
    for (const label of labels) entry.labels[label] = version;
    return version;
  }

  label(name: string, label: string, version: number): void {
    const entry = this.prompts.get(name);
    if (entry === undefined) throw new Error(`no prompt ${name}`);
    entry.labels[label] = version;
  }

  content(name: string, version: number): PromptContent {
    const content = this.prompts.get(name)?.versions[version - 1];
    if (content === undefined) throw new QuireError("NOT_FOUND", `${name} has no version ${version}`);
    return content;
  }

  readonly resolver: ComponentResolver = async (reference) => {
    this.calls.push(formatComponentReference(reference));
    const entry = this.prompts.get(reference.name);
    if (entry === undefined) {
      throw new QuireError("NOT_FOUND", `Prompt "${reference.name}" not found.`);
    }
    let version: number | undefined;
    if (reference.requested === "latest") version = entry.versions.length;
    else if (reference.requested === "version") version = reference.version;
    else version = entry.labels[reference.label];
    if (version === undefined || version > entry.versions.length) {
      throw new QuireError(
        "NOT_FOUND",
        `${formatComponentReference(reference)} points nowhere (${reference.requested}).`,
      );
    }
    return { name: reference.name, version, content: this.content(reference.name, version) };
  };
}
