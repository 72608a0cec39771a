import { ErrorMessage } from "../components/error-message.js";
import { type ColumnRun, formatCost, formatDuration } from "./column-run.js";

export interface RunColumnProps {
  index: number;
  model: string;
  /** What runs: "draft" (the editor's unsaved draft) or "v3"; "" before it is known. */
  source: string;
  /** Every model the server's providers serve, as `provider/model`. */
  models: readonly string[];
  run: ColumnRun;
  onModelChange(model: string): void;
  /** Absent when this is the only column. */
  onRemove?: () => void;
  disabled: boolean;
}

/** One model's side of the playground: its answer as it streams, then tokens, latency and cost. */
export function RunColumn(props: RunColumnProps) {
  const { index, model, models, run } = props;
  const selectId = `column-model-${index}`;
  const choices = models.includes(model) || model === "" ? models : [model, ...models];
  return (
    <article className="run-column" aria-label={`Model ${index + 1}: ${model || "none chosen"}`}>
      <header className="run-column-header">
        <label htmlFor={selectId} className="visually-hidden">
          Model for column {index + 1}
        </label>
        <select
          id={selectId}
          value={model}
          disabled={props.disabled}
          onChange={(event) => props.onModelChange(event.target.value)}
        >
          {model === "" ? <option value="">Choose a model…</option> : null}
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
        {props.source === "" ? null : (
          <span
            className={`badge ${props.source === "draft" ? "badge-staging" : "badge-custom"}`}
            data-testid="column-source"
            title={props.source === "draft" ? "The editor's unsaved draft" : undefined}
          >
            {props.source}
          </span>
        )}
        <RunStatus run={run} />
        {props.onRemove === undefined ? null : (
          <button
            type="button"
            className="link-button"
            onClick={props.onRemove}
            disabled={props.disabled}
            aria-label={`Remove column ${index + 1} (${model})`}
          >
            Remove
          </button>
        )}
      </header>
      <div className="run-output" aria-live="polite" aria-busy={run.status === "running"}>
        {run.status === "idle" ? (
          <p className="hint">Press Run (Ctrl+Enter) to see this model's answer here.</p>
        ) : (
          <pre data-testid="run-output">
            {run.output}
            {run.status === "running" ? <span className="caret" aria-hidden="true" /> : null}
          </pre>
        )}
        {run.status === "failed" ? (
          <ErrorMessage error={run.error} context={`Running on ${model}`} />
        ) : null}
      </div>
      {run.status === "done" ? <RunMetrics run={run} /> : null}
    </article>
  );
}

function RunStatus({ run }: { run: ColumnRun }) {
  switch (run.status) {
    case "idle":
      return null;
    case "running":
      return (
        <span className="run-status running" role="status">
          <span className="spinner" aria-hidden="true" /> Streaming…
        </span>
      );
    case "done":
      return <span className="run-status done">Done</span>;
    case "failed":
      return <span className="run-status failed">Failed</span>;
  }
}

function RunMetrics({ run }: { run: Extract<ColumnRun, { status: "done" }> }) {
  const { result } = run;
  const tokens = `${result.usage.inputTokens.toLocaleString()} in · ${result.usage.outputTokens.toLocaleString()} out`;
  return (
    <dl className="run-metrics" aria-label="Run metrics">
      <div>
        <dt>Tokens</dt>
        <dd
          title={result.usage.estimated ? "Counted by Quire (the provider gave none)" : undefined}
        >
          {result.usage.estimated ? `≈${tokens}` : tokens}
        </dd>
      </div>
      <div>
        <dt>Latency</dt>
        <dd>{formatDuration(result.latencyMs)}</dd>
      </div>
      <div>
        <dt>First text</dt>
        <dd>{run.firstTextMs === null ? "—" : formatDuration(run.firstTextMs)}</dd>
      </div>
      <div>
        <dt>Cost</dt>
        <dd>{formatCost(result.cost)}</dd>
      </div>
      <div className="run-metrics-wide">
        <dt>Served by</dt>
        <dd>
          {result.servedBy}
          {result.cacheHit ? " (from the cache)" : ""} ·{" "}
          {result.version === null ? "draft" : `v${result.version}`} · {result.finishReason}
        </dd>
      </div>
    </dl>
  );
}
