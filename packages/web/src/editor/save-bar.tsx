import type { QuireClient } from "@quire/client";
import type { GetPromptResponse } from "@quire/core";
import { useEffect, useRef, useState } from "react";
import { ErrorMessage } from "../components/error-message.js";
import { type PromptDraft, parseInputSchema } from "./prompt-draft.js";

export interface SaveBarProps {
  client: QuireClient;
  loaded: GetPromptResponse | null;
  draft: PromptDraft;
  newName: string;
  dirty: boolean;
  canSave: boolean;
  /** Hands the editor the save action, for Ctrl/Cmd+S. */
  registerSave(save: () => void): void;
  /** A notice to show from the start (what the last save did). */
  initialNotice?: string | null;
  onSaved(name: string, created: boolean, notice: string): void;
}

/** "Save as new version" with a commit message; Ctrl/Cmd+S anywhere on the editor saves. */
export function SaveBar(props: SaveBarProps) {
  const { client, loaded, draft, newName, dirty, canSave } = props;
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | null>(props.initialNotice ?? null);
  const messageField = useRef<HTMLInputElement>(null);

  const save = async () => {
    if (busy) return;
    if (!canSave) {
      setNotice("Fix the errors shown above first: a version must parse.");
      return;
    }
    if (message.trim() === "") {
      setNotice("Say what changed and why, then save again.");
      messageField.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    setNotice(null);
    const inputSchema = parseInputSchema(draft.inputSchemaText).schema;
    try {
      const fields = {
        template: draft.template,
        type: draft.type,
        engine: draft.engine,
        inputSchema,
        config: draft.config,
        message: message.trim(),
      };
      const result =
        loaded === null
          ? await client.createPrompt({ name: newName.trim(), ...fields })
          : await client.createVersion(loaded.prompt.name, fields);
      setMessage("");
      const saved = result.created
        ? `Saved version ${result.version.number}.`
        : `Nothing to save: this is the same as version ${result.version.number}.`;
      setNotice(saved);
      props.onSaved(result.prompt.name, result.created, saved);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;
  const { registerSave } = props;
  useEffect(() => {
    registerSave(() => void saveRef.current());
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [registerSave]);

  return (
    <form
      className="save-bar"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor="commit-message">Commit message</label>
      <input
        id="commit-message"
        ref={messageField}
        value={message}
        placeholder={
          loaded === null ? "First version: what this prompt is for" : "What changed, and why"
        }
        onChange={(event) => setMessage(event.target.value)}
      />
      <button type="submit" className="primary" disabled={busy || (!dirty && loaded !== null)}>
        {busy ? "Saving…" : loaded === null ? "Create prompt" : "Save as new version"}
      </button>
      <span className="hint">
        {dirty ? "Unsaved changes · " : "No changes · "}
        <kbd>Ctrl</kbd>+<kbd>S</kbd>
      </span>
      {notice === null ? null : (
        <p className="save-notice" role="status">
          {notice}
        </p>
      )}
      {error === undefined ? null : <ErrorMessage error={error} context="Saving" />}
    </form>
  );
}
