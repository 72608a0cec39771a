import type { Tokenizer } from "./tokenizer.js";
import { type TruncatedText, truncateMiddle } from "./truncate-middle.js";

/** A named part of a prompt (context, examples, retrieved documents) and its token budget. */
export interface BudgetedComponent {
  text: string;
  budget: number;
}

/**
 * Fits each named part into its own budget with `truncateMiddle`; parts that fit are unchanged.
 */
export function truncateComponents<Name extends string>(
  components: Readonly<Record<Name, BudgetedComponent>>,
  options: { tokenizer: Tokenizer },
): Record<Name, TruncatedText> {
  const result = {} as Record<Name, TruncatedText>;
  for (const name of Object.keys(components) as Name[]) {
    const component = components[name];
    result[name] = truncateMiddle(component.text, {
      budget: component.budget,
      tokenizer: options.tokenizer,
    });
  }
  return result;
}
