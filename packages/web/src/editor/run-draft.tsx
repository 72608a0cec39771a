import type { JsonSchema, VersionDraft } from "@quire/core";
import type { PromptDraft } from "./prompt-draft.js";

/**
 * The draft as POST …/run takes it: the fields saving would send (the output schema, which the
 * editor does not edit, comes from the latest version, as on save).
 */
export function versionDraftOf(draft: PromptDraft, inputSchema: JsonSchema | null): VersionDraft {
  return {
    template: draft.template,
    type: draft.type,
    engine: draft.engine,
    inputSchema,
    config: draft.config,
  };
}

/** "Run draft in playground": shown instead of "Run in playground" while there are changes. */
export function RunDraftButton({ disabled, onRun }: { disabled: boolean; onRun(): void }) {
  return (
    <button
      type="button"
      onClick={onRun}
      disabled={disabled}
      title={disabled ? "Fix the template's errors first" : "Runs what you see, without saving it"}
    >
      Run draft in playground
    </button>
  );
}
