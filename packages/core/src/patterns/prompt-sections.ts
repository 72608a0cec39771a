/** How a builder marks its sections: Markdown headings, or XML tags (as Anthropic recommends). */
export type PromptSectionStyle = "markdown" | "xml";

export interface PromptSection {
  /** The heading: `Output format`; its XML tag is the same words in snake case (`output_format`). */
  title: string;
  body: string;
}

/**
 * Sections laid out one after another, separated by a blank line; a section whose body is empty
 * (or only whitespace) is left out. Bodies are trimmed, nothing else is changed.
 */
export function layoutSections(
  sections: readonly PromptSection[],
  style: PromptSectionStyle = "markdown",
): string {
  const blocks: string[] = [];
  for (const section of sections) {
    const body = section.body.trim();
    if (body === "") continue;
    blocks.push(style === "xml" ? xmlBlock(section.title, body) : `## ${section.title}\n${body}`);
  }
  return blocks.join("\n\n");
}

/** Items as a Markdown bullet list, one per line; empty items are left out. */
export function bulletList(items: readonly string[] | undefined): string {
  return (items ?? [])
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => `- ${item}`)
    .join("\n");
}

/** "a", "a and b", "a, b and c". */
export function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function xmlBlock(title: string, body: string): string {
  const tag = title.trim().toLowerCase().replace(/\W+/g, "_");
  return `<${tag}>\n${body}\n</${tag}>`;
}
