import type { LabelMove } from "@quire/core";
import { RelativeTime } from "../components/relative-time.js";

/** Every label move of a prompt, newest first: deploys and rollbacks with who, when and why. */
export function LabelHistory({ moves }: { moves: readonly LabelMove[] }) {
  if (moves.length === 0) {
    return (
      <p className="hint">No label has been moved yet. Deploy a version to start the history.</p>
    );
  }
  return (
    <ol className="label-history" data-testid="label-history">
      {moves.map((move) => {
        const rollback = move.fromVersion !== null && move.toVersion < move.fromVersion;
        return (
          <li key={`${move.label}-${move.movedAt}-${move.toVersion}`}>
            <span
              className={`badge badge-${move.label === "production" || move.label === "staging" ? move.label : "custom"}`}
            >
              {move.label}
            </span>{" "}
            {rollback ? "rolled back" : "moved"}{" "}
            {move.fromVersion === null ? "" : `v${move.fromVersion} → `}v{move.toVersion}{" "}
            <span className="hint">
              by {move.actor} <RelativeTime iso={move.movedAt} />
            </span>
            {move.reason === "" ? null : <div className="move-reason">“{move.reason}”</div>}
          </li>
        );
      })}
    </ol>
  );
}
