import type { VersionDraft } from "@quire/core";

/**
 * The editor's unsaved draft on its way to the playground ("Run draft in playground"): kept in
 * the page's memory, not in the address, so a long template never lands in the URL, the browser
 * history or a server log. A reload forgets it.
 */
export interface HandedDraft {
  /** The prompt the draft belongs to. */
  prompt: string;
  /** The version the editor was editing from; null for a new prompt, never saved yet. */
  basedOn: number | null;
  /** What POST …/run takes as `draft` (the fields saving would send). */
  draft: VersionDraft;
  /** The editor's own copy, to give the draft back when the person returns to the editor. */
  editorState: unknown;
  /** The values typed into the editor's input form. */
  inputs: Record<string, unknown>;
}

let handed: HandedDraft | null = null;

export function handDraftToPlayground(value: HandedDraft): void {
  handed = value;
}

/** The draft handed over for this prompt, if any (it stays until the editor takes it back). */
export function handedDraftOf(prompt: string): HandedDraft | null {
  return handed !== null && handed.prompt === prompt ? handed : null;
}

/**
 * The draft back in the editor it came from, once: the editor opened on the same version, or the
 * new-prompt editor (`prompt` null) for a draft of a new prompt, whatever name it was given.
 */
export function takeHandedDraft(prompt: string | null, basedOn: number | null): HandedDraft | null {
  if (handed === null || handed.basedOn !== basedOn) return null;
  if (prompt !== null && handed.prompt !== prompt) return null;
  const taken = handed;
  handed = null;
  return taken;
}

/** Forgets a handed draft of this prompt (it was saved). */
export function forgetHandedDraft(prompt: string): void {
  if (handed?.prompt === prompt) handed = null;
}
