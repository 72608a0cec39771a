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
    return { leads: group.leads, end: group.end + 1 };
  }
  let index = start;
  let literal = "";
  while (index < pattern.length && !metaCharacters.has(pattern[index] as string)) {
    literal += pattern[index];
    index += 1;
  }
  // A quantifier after the last character makes it optional: keep the text before it.
  if (isOptional(pattern, index) && literal.length > 0) literal = literal.slice(0, -1);
  return literal.length === 0 ? undefined : { leads: [{ lead: literal }], end: index };
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
