import { editDistance } from "../text/edit-distance.js";

/**
 * The known name the user probably meant, if one stands out: the same name written with `_` or
 * spaces (`factual_qa`), the only name that starts with it or with it as a word (`creative`,
 * `math`, `qa`), the one best within two edits (`summarisation`), or the only name sharing a
 * start of three letters or more and two thirds of it (`translate`, `code`); case is ignored.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const wanted = normalized(name);
  if (wanted === "") return undefined;
  const same = known.find((candidate) => normalized(candidate) === wanted);
  if (same !== undefined) return same;
  const containing = known.filter((candidate) =>
    normalized(candidate)
      .split("-")
      .some((_, index, words) => words.slice(index).join("-").startsWith(wanted)),
  );
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalized(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? sharedStart(wanted, known);
}

function sharedStart(wanted: string, known: readonly string[]): string | undefined {
  const needed = Math.max(3, Math.ceil((wanted.length * 2) / 3));
  const matches = known.filter((candidate) => {
    const name = normalized(candidate);
    let length = 0;
    while (length < wanted.length && wanted[length] === name[length]) length += 1;
    return length >= needed;
  });
  return matches.length === 1 ? matches[0] : undefined;
}

function normalized(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
}
