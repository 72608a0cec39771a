import type { Prompt } from "@quire/core";

export type FolderEntry =
  | { kind: "folder"; path: string; name: string; count: number }
  | { kind: "prompt"; prompt: Prompt };

/**
 * What a folder shows: its subfolders (with how many prompts each holds) first, then the prompts
 * directly in it. `prefix` is "" or ends with "/".
 */
export function folderEntries(prompts: readonly Prompt[], prefix: string): FolderEntry[] {
  const folders = new Map<string, number>();
  const direct: FolderEntry[] = [];
  for (const prompt of prompts) {
    if (!prompt.name.startsWith(prefix)) continue;
    const rest = prompt.name.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash < 0) {
      direct.push({ kind: "prompt", prompt });
    } else {
      const name = rest.slice(0, slash);
      folders.set(name, (folders.get(name) ?? 0) + 1);
    }
  }
  const folderList: FolderEntry[] = [...folders.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([name, count]) => ({ kind: "folder", path: `${prefix}${name}/`, name, count }));
  return folderList.concat(direct);
}

/** The breadcrumb of a folder: [["", "All prompts"], ["support/", "support"], …]. */
export function folderTrail(prefix: string): [string, string][] {
  const trail: [string, string][] = [["", "All prompts"]];
  let path = "";
  for (const part of prefix.split("/").filter((segment) => segment !== "")) {
    path = `${path}${part}/`;
    trail.push([path, part]);
  }
  return trail;
}
