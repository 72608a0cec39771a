/**
 * Folds for k-fold cross-validation, fixed by a seed: stratified by set and label, and grouped so
 * that near-duplicates (rows of one set sharing a run of eight words that is not a stock phrase,
 * as the deepset set's composed rows and the jailbreak templates' variants do) always fall in the
 * same fold — otherwise a fold would be tested on text it was trained on.
 */
import { foldForMatching } from "@quire/core";
import type { LabelledText } from "./load-injection-datasets.js";
import { seededRandom, shuffle } from "./seeded-random.js";

const shingleWords = 8;
/** A run of words found in more rows than this is a stock phrase, not a sign of duplication. */
const commonShingleRows = 10;

/** Groups of near-duplicate rows: the index of each row's group. */
export function nearDuplicateGroups(rows: readonly LabelledText[]): number[] {
  const parent = rows.map((_row, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] ?? root;
    let current = index;
    while (parent[current] !== root) {
      const next = parent[current] ?? root;
      parent[current] = root;
      current = next;
    }
    return root;
  };
  const rowsWithShingle = new Map<string, number[]>();
  const remember = (key: string, index: number) => {
    const list = rowsWithShingle.get(key) ?? [];
    if (list.at(-1) !== index) list.push(index);
    rowsWithShingle.set(key, list);
  };
  rows.forEach((row, index) => {
    const words = foldForMatching(row.text)
      .text.split(/[^\p{L}\p{N}']+/u)
      .filter(Boolean);
    for (let start = 0; start + shingleWords <= words.length; start += 1) {
      remember(`${row.set}\u0000${words.slice(start, start + shingleWords).join(" ")}`, index);
    }
    // Exact duplicates (after folding) group too, however short.
    remember(`${row.set}\u0001${words.join(" ")}`, index);
  });
  for (const [key, list] of rowsWithShingle) {
    if (list.length > commonShingleRows && key.includes("\u0000")) continue;
    const first = list[0] ?? 0;
    for (const other of list.slice(1)) parent[find(other)] = find(first);
  }
  return rows.map((_row, index) => find(index));
}

/** The fold (0..k−1) of each row. */
export function assignFolds(rows: readonly LabelledText[], folds: number, seed: number): number[] {
  const groupOf = nearDuplicateGroups(rows);
  const members = new Map<number, number[]>();
  groupOf.forEach((group, index) => {
    const list = members.get(group) ?? [];
    list.push(index);
    members.set(group, list);
  });
  const random = seededRandom(seed);
  const groups = shuffle([...members.values()], random);
  // Largest groups first, each to the fold with the fewest rows of its set and majority label.
  groups.sort((first, second) => second.length - first.length);
  const counts = new Map<string, number[]>();
  const assignment = new Array<number>(rows.length).fill(0);
  for (const group of groups) {
    const positives = group.filter((index) => rows[index]?.label === 1).length;
    const first = rows[group[0] ?? 0];
    const stratum = `${first?.set}:${positives * 2 >= group.length ? 1 : 0}`;
    const perFold = counts.get(stratum) ?? new Array<number>(folds).fill(0);
    counts.set(stratum, perFold);
    let target = 0;
    for (let fold = 1; fold < folds; fold += 1) {
      if ((perFold[fold] ?? 0) < (perFold[target] ?? 0)) target = fold;
    }
    perFold[target] = (perFold[target] ?? 0) + group.length;
    for (const index of group) assignment[index] = target;
  }
  return assignment;
}
