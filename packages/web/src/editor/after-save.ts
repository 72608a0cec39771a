/**
 * What survives the editor reloading after a save (it opens the new version fresh): the notice
 * saying what was saved, and the values typed into the input form.
 */
interface AfterSave {
  name: string;
  notice: string;
  inputs: Record<string, unknown>;
}

let pending: AfterSave | null = null;

export function rememberAfterSave(value: AfterSave): void {
  pending = value;
}

/** The remembered notice and inputs for this prompt, once. */
export function takeAfterSave(name: string | undefined): AfterSave | null {
  if (pending === null || pending.name !== name) return null;
  const taken = pending;
  pending = null;
  return taken;
}
