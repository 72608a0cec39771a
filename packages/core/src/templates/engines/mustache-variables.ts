import type { TemplateVariable } from "../template-engine.js";
import { LIST_ITEM, VariableCollector, type VariablePath } from "../variable-paths.js";
import { type MustacheToken, parseMustache, uncachedWriter } from "./mustache-parse.js";

/**
 * Reads variables from Mustache's tokens. Inside a section `{{#items}}…{{/items}}` names are
 * read as fields of the section's value (for a list, of its items), which is what sections are
 * for; a name that Mustache would find in an enclosing context instead is, by that convention,
 * reported as a field. `{{.}}` is the item itself.
 */
class MustacheVariableWalker {
  readonly collector = new VariableCollector();
  private readonly writer = uncachedWriter();
  private readonly partialStack: string[] = [];

  constructor(private readonly partials: Record<string, string>) {}

  private resolve(name: string, context: VariablePath): VariablePath | null {
    if (name === ".") return context.length === 0 ? null : context;
    return [...context, ...name.split(".")];
  }

  tokens(tokens: MustacheToken[], context: VariablePath): void {
    for (const token of tokens) {
      const [type, name] = token;
      switch (type) {
        case "name":
        case "&": {
          const path = this.resolve(name, context);
          if (path !== null) this.collector.add(path);
          break;
        }
        case "#": {
          const path = this.resolve(name, context);
          if (path !== null) this.collector.add(path);
          const inner: VariablePath = path === null ? context : [...path, LIST_ITEM];
          this.tokens((token[4] as MustacheToken[] | undefined) ?? [], inner);
          break;
        }
        case "^": {
          const path = this.resolve(name, context);
          if (path !== null) this.collector.add(path);
          this.tokens((token[4] as MustacheToken[] | undefined) ?? [], context);
          break;
        }
        case ">":
          this.partial(name, context);
          break;
        default:
          break; // text, comments, delimiter changes
      }
    }
  }

  private partial(name: string, context: VariablePath): void {
    if (!Object.hasOwn(this.partials, name) || this.partialStack.includes(name)) return;
    this.partialStack.push(name);
    this.tokens(parseMustache(this.writer, this.partials[name] ?? "", name), context);
    this.partialStack.pop();
  }
}

/** The variables a Mustache template and its partials read. */
export function mustacheVariables(
  source: string,
  partials: Record<string, string> = {},
): TemplateVariable[] {
  const walker = new MustacheVariableWalker(partials);
  walker.tokens(parseMustache(uncachedWriter(), source), []);
  return walker.collector.variables();
}
