import type { QuireClient } from "@quire/client";
import type { LabelMoveOutcome, Prompt } from "@quire/core";
import { useEffect, useRef, useState } from "react";
import { useRequest } from "../api/use-request.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { DiffView } from "./diff-view.js";

export interface DeployDialogProps {
  client: QuireClient;
  prompt: Prompt;
  /** The version to point the label at. */
  version: number;
  /** The label to start with. */
  initialLabel?: string;
  onClose(): void;
  /** The label moved, or (two-person rule) a change request awaits another publisher. */
  onMoved(outcome: LabelMoveOutcome): void;
}

/**
 * Deploy (move a label to a version) or roll back (move it to an older one), confirmed after
 * seeing the diff from what the label serves now to what it will serve.
 */
export function DeployDialog(props: DeployDialogProps) {
  const { client, prompt, version, onClose } = props;
  const [label, setLabel] = useState(props.initialLabel ?? "production");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const first = useRef<HTMLSelectElement>(null);
  const live = prompt.labels[label];
  const rollback = live !== undefined && version < live;
  const diff = useRequest(
    (signal) =>
      live === undefined || live === version
        ? Promise.resolve(null)
        : client.diff(prompt.name, live, version, { signal }),
    [client, prompt.name, live, version],
  );
  useEffect(() => {
    first.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const labels = [...new Set(["production", "staging", ...Object.keys(prompt.labels)])];
  const verb = rollback ? "Roll back" : "Deploy";

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="deploy-title">
        <h2 id="deploy-title">
          {verb} {prompt.name} v{version}
        </h2>
        <div className="field-inline">
          <label htmlFor="deploy-label">Label</label>
          <select
            id="deploy-label"
            ref={first}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
          >
            {labels.map((name) => (
              <option key={name} value={name}>
                {name}
                {prompt.labels[name] === undefined
                  ? " (not set)"
                  : ` (now v${prompt.labels[name]})`}
              </option>
            ))}
          </select>
        </div>
        <p className="deploy-summary" data-testid="deploy-summary">
          {live === undefined
            ? `${label} points nowhere yet: it will serve v${version}.`
            : live === version
              ? `${label} already serves v${version}: nothing to change.`
              : `${label} serves v${live} now; after this it serves v${version}.`}
        </p>
        {diff.status === "failed" ? (
          <ErrorMessage error={diff.error} context="Loading the diff" onRetry={diff.reload} />
        ) : diff.status === "loading" ? (
          <Loading what="the diff from what is live" />
        ) : diff.value === null ? null : (
          <div className="dialog-diff">
            <DiffView diff={diff.value} />
          </div>
        )}
        <label htmlFor="deploy-reason">Reason (kept in the label's history)</label>
        <input
          id="deploy-reason"
          value={reason}
          placeholder={
            rollback ? "Why roll back, e.g. the new tone confused users" : "Why deploy this version"
          }
          onChange={(event) => setReason(event.target.value)}
        />
        {error === undefined ? null : (
          <ErrorMessage error={error} context={`${verb} to ${label}`} />
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={rollback ? "danger" : "primary"}
            disabled={busy || live === version}
            onClick={async () => {
              setBusy(true);
              setError(undefined);
              try {
                const move = await client.moveLabel(prompt.name, label, version, {
                  ...(reason.trim() === "" ? {} : { reason: reason.trim() }),
                });
                props.onMoved(move);
              } catch (caught) {
                setError(caught);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? "Moving…" : `${verb}: ${label} → v${version}`}
          </button>
        </div>
      </div>
    </div>
  );
}
