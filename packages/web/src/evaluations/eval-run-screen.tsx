import type { EvalResult, EvalRun } from "@quire/core";
import { useEffect, useMemo, useState } from "react";
import { Link } from "wouter";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { routes } from "../routes.js";
import { CellDetails } from "./cell-details.js";
import { formatRate, type GridCell, resultsGrid } from "./results-grid.js";
import { shortRunId } from "./run-id.js";
import { RunStatusBadge } from "./run-status-badge.js";
import "../settings/settings.css";
import "./evaluations.css";

const finished = new Set(["completed", "cancelled", "failed"]);

/** One eval run: live progress while it runs, then the summaries and the results grid. */
export default function EvalRunScreen({ id }: { id: string }) {
  const client = useClient();
  const [run, setRun] = useState<EvalRun | null>(null);
  const [results, setResults] = useState<EvalResult[] | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [selected, setSelected] = useState<{ caseId: string; cell: GridCell } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt restarts the watch on retry
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    setError(undefined);
    (async () => {
      let current = await client.getEvalRun(id, { signal });
      setRun(current);
      if (!finished.has(current.status)) {
        for await (const event of client.watchEvalRun(id, { signal })) {
          if (event.type === "progress") {
            const { status, progress } = event.progress;
            setRun((previous) =>
              previous === null ? previous : { ...previous, status, progress },
            );
          } else {
            current = event.run;
            setRun(current);
          }
        }
      }
      const all: EvalResult[] = [];
      for await (const result of client.iterateEvalResults(id, { limit: 500 })) {
        if (signal.aborted) return;
        all.push(result);
      }
      setResults(all);
    })().catch((caught: unknown) => {
      if (!signal.aborted) setError(caught);
    });
    return () => controller.abort();
  }, [client, id, attempt]);

  const grid = useMemo(
    () => (results === null || run === null ? null : resultsGrid(results, run.plan)),
    [results, run],
  );

  if (error !== undefined) {
    return (
      <ErrorMessage
        error={error}
        context={`Loading run ${id}`}
        onRetry={() => setAttempt((value) => value + 1)}
      />
    );
  }
  if (run === null) return <Loading what={`run ${id}`} />;
  const { progress } = run;
  const percent = progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100);

  return (
    <section className="eval-run" aria-labelledby="eval-run-title">
      <header className="screen-header">
        <h1 id="eval-run-title">
          <Link href={routes.evaluations}>Evaluations</Link> / run{" "}
          <code title={run.id}>{shortRunId(run.id)}</code>
        </h1>
        <RunStatusBadge status={run.status} />
        <p className="count">
          {run.plan.prompts.map((prompt) => prompt.id).join(", ")} × {run.plan.models.join(", ")} on{" "}
          {run.plan.dataset} ({run.caseCount} cases)
        </p>
      </header>
      <div className="progress-block">
        <progress max={progress.total} value={progress.done} aria-label="Cells done" />
        <span data-testid="eval-progress">
          {progress.done}/{progress.total} cells ({percent}%) · {progress.passed} passed ·{" "}
          {progress.failed} failed
          {progress.errored > 0 ? ` · ${progress.errored} errored` : ""}
        </span>
      </div>
      {run.error === null ? null : (
        <ErrorMessage error={new Error(run.error.message)} context="The run" />
      )}
      {run.summaries === null ? null : (
        <table className="settings-table summaries-table" aria-label="Summary per prompt and model">
          <thead>
            <tr>
              <th scope="col">Prompt</th>
              <th scope="col">Model</th>
              <th scope="col">Pass rate</th>
              <th scope="col">Mean score</th>
              <th scope="col">Latency p50 / p95</th>
              <th scope="col">Tokens in / out</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {run.summaries.map((summary) => (
              <tr key={`${summary.promptId}-${summary.modelId}`}>
                <td>
                  <code>{summary.promptId}</code>
                </td>
                <td>
                  <code>{summary.modelId}</code>
                </td>
                <td>
                  <strong>{formatRate(summary.passRate?.value)}</strong>{" "}
                  <span className="hint">
                    {summary.passed}/{summary.cells}
                    {summary.passRate === null
                      ? ""
                      : ` (${formatRate(summary.passRate.low)}–${formatRate(summary.passRate.high)})`}
                  </span>
                </td>
                <td>{summary.meanScore === null ? "—" : summary.meanScore.value.toFixed(2)}</td>
                <td>
                  {summary.latencyP50Ms === null ? "—" : `${Math.round(summary.latencyP50Ms)} ms`} /{" "}
                  {summary.latencyP95Ms === null ? "—" : `${Math.round(summary.latencyP95Ms)} ms`}
                </td>
                <td>
                  {summary.inputTokens.toLocaleString()} / {summary.outputTokens.toLocaleString()}
                </td>
                <td>{summary.costUsd === null ? "no price" : `$${summary.costUsd.toFixed(4)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {grid === null ? (
        finished.has(run.status) ? (
          <Loading what="the results" />
        ) : null
      ) : (
        <div className="results-layout">
          <table className="results-grid" aria-label="Results: cases × prompts and models">
            <thead>
              <tr>
                <th scope="col">Case</th>
                {grid.columns.map((column) => (
                  <th scope="col" key={column.key}>
                    <code>{column.promptId}</code>
                    <br />
                    <code>{column.modelId}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rows.map((caseId) => (
                <tr key={caseId}>
                  <th scope="row">
                    <code>{caseId}</code>
                  </th>
                  {grid.columns.map((column) => {
                    const cell = grid.cell(caseId, column.key);
                    return (
                      <td key={column.key}>
                        {cell === undefined ? (
                          <span className="hint">—</span>
                        ) : (
                          <button
                            type="button"
                            className={`result-cell result-${cell.status}`}
                            aria-pressed={selected?.cell === cell}
                            aria-label={`${caseId} on ${column.modelId}: ${cell.status}`}
                            onClick={() => setSelected({ caseId, cell })}
                          >
                            {cell.status}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {selected === null ? (
            <p className="hint results-hint">
              Click a cell to see the answer and why it passed or failed.
            </p>
          ) : (
            <CellDetails
              caseId={selected.caseId}
              cell={selected.cell}
              onClose={() => setSelected(null)}
            />
          )}
        </div>
      )}
    </section>
  );
}
