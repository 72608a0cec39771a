/**
 * The literal text every match of a phrase pattern starts with, read from the pattern source:
 * `(?:ignore|forget)_(?:all|any)_…` leads with "ignore" or "forget", and then (after a
 * separator) "all" or "any". Used to try a rule only where it can match, so tens of rules cost
 * about one pass over the text. Returns undefined when a match could start otherwise (an
 * optional or character-class first element).
 */
export interface RuleLead {
  /** The text a match starts with. */
  lead: string;
  /** Whether the lead's first word is a whole word ("ignore"), not the start of one
   * ("instruction" of `instructions?`, "summari" of `summari[sz]e`). */
  wholeWord: boolean;
  /** When known: after the lead and a separator, one of these follows. */
  next?: string[];
}

export function ruleLeads(pattern: string): RuleLead[] | undefined {
  return alternativesAt(pattern, 0)?.leads;
}

interface Element {
  leads: RuleLead[];
  /** Index just after the element. */
  end: number;
}

const metaCharacters = new Set([
  "_",
  "~",
  "(",
  ")",
  "[",
  "]",
  "?",
  "*",
  "+",
  "{",
  "|",
  "\\",
  ".",
  "^",
  "$",
]);

/** The leads of the group or literal at `start`, unless it is optional or not literal. */
function elementAt(pattern: string, start: number): Element | undefined {
  if (pattern.startsWith("(?:", start)) {
    const group = alternativesAt(pattern, start + 3);
    if (group === undefined || isOptional(pattern, group.end + 1)) return undefined;
    const end = group.end + 1;
    // Letters right after the group continue its last word: "(?:jail)break".
    const continues = !endsWord(pattern, end);
    const leads = continues
      ? group.leads.map((entry) =>
          /^[\p{L}\p{N}]+$/u.test(entry.lead) ? { ...entry, wholeWord: false } : entry,
        )
      : group.leads;
    return { leads, end };
  }
  let index = start;
  let literal = "";
  while (index < pattern.length && !metaCharacters.has(pattern[index] as string)) {
    literal += pattern[index];
    index += 1;
  }
  // A quantifier after the last character makes it optional: keep the text before it.
  const optional = isOptional(pattern, index) && literal.length > 0;
  if (optional) literal = literal.slice(0, -1);
  if (literal.length === 0) return undefined;
  const firstWordEnds = /^[\p{L}\p{N}]+[^\p{L}\p{N}]/u.test(literal);
  const wholeWord = firstWordEnds || (!optional && endsWord(pattern, index));
  return { leads: [{ lead: literal, wholeWord }], end: index };
}

/** The first element of an alternative, with what follows it after a separator. */
function alternativeAt(pattern: string, start: number): Element | undefined {
  const first = elementAt(pattern, start);
  if (first === undefined || pattern[first.end] !== "_") return first;
  const second = elementAt(pattern, first.end + 1);
  if (second === undefined) return first;
  const next = second.leads.map((entry) => entry.lead);
  return {
    leads: first.leads.map((entry) => (entry.next === undefined ? { ...entry, next } : entry)),
    end: first.end,
  };
}

/** Leads of each alternative from `start` up to the `)` closing the current group. */
function alternativesAt(pattern: string, start: number): Element | undefined {
  const leads: RuleLead[] = [];
  let index = start;
  let alternativeStart = true;
  let depth = 0;
  while (index < pattern.length) {
    const character = pattern[index] as string;
    if (depth === 0 && character === ")") break;
    if (depth === 0 && character === "|") {
      alternativeStart = true;
      index += 1;
      continue;
    }
    if (alternativeStart) {
      alternativeStart = false;
      const element = alternativeAt(pattern, index);
      if (element === undefined) return undefined;
      leads.push(...element.leads);
      index = element.end;
      continue;
    }
    // The rest of an alternative: skip it, minding nested groups, classes and escapes.
    if (character === "\\") index += 2;
    else {
      if (character === "(") depth += 1;
      else if (character === ")") depth -= 1;
      else if (character === "[") index = closingBracket(pattern, index);
      index += 1;
    }
  }
  return { leads, end: index };
}

/** Whether the pattern at `index` cannot continue the word before it. */
function endsWord(pattern: string, index: number): boolean {
  const next = pattern[index];
  return (
    next === undefined ||
    next === "_" ||
    next === ")" ||
    next === "|" ||
    pattern.startsWith("(?=", index)
  );
}

function isOptional(pattern: string, index: number): boolean {
  const next = pattern[index];
  return next === "?" || next === "*" || (next === "{" && pattern[index + 1] === "0");
}

function closingBracket(pattern: string, index: number): number {
  let position = index + 1;
  while (position < pattern.length && pattern[position] !== "]") {
    position += pattern[position] === "\\" ? 2 : 1;
  }
  return position;
}
