import { type JsonSchema, promptNameProblem, type VersionDraft } from "@quire/core";
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

/**
 * Why the draft cannot run yet, or null: it must parse, and a new prompt needs a valid name (the
 * run's address names the prompt) and a template.
 */
export function runDraftProblem(options: {
  parses: boolean;
  schemaError: string | null;
  newName?: string;
  template?: PromptDraft["template"];
}): string | null {
  if (options.newName !== undefined) {
    const name = options.newName.trim();
    if (name === "") return "Name the prompt first to run its draft";
    const problem = promptNameProblem(name);
    if (problem !== undefined) return `Fix the name to run the draft: it ${problem}`;
  }
  if (options.template !== undefined && isEmptyTemplate(options.template)) {
    return "Write a template first to run the draft";
  }
  if (!options.parses || options.schemaError !== null) return "Fix the template's errors first";
  return null;
}

function isEmptyTemplate(template: PromptDraft["template"]): boolean {
  return typeof template === "string"
    ? template.trim() === ""
    : template.every((message) => message.content.trim() === "");
}

/**
 * "Run draft in playground": shown instead of "Run in playground" while there are changes; when
 * it cannot run, the reason is shown beside it.
 */
export function RunDraftButton({ problem, onRun }: { problem: string | null; onRun(): void }) {
  return (
    <>
      <button
        type="button"
        onClick={onRun}
        disabled={problem !== null}
        aria-describedby={problem === null ? undefined : "run-draft-problem"}
        title={problem ?? "Runs what you see, without saving it"}
      >
        Run draft in playground
      </button>
      {problem === null ? null : (
        <span className="hint" id="run-draft-problem" data-testid="run-draft-problem">
          {problem}
        </span>
      )}
    </>
  );
}
