import { useState } from "react";
import { Link } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { RelativeTime } from "../components/relative-time.js";
import { routes } from "../routes.js";
import { CompareRuns } from "./compare-runs.js";
import { DatasetCases } from "./dataset-cases.js";
import { DatasetUpload } from "./dataset-upload.js";
import { NewRunForm } from "./new-run-form.js";
import { shortRunId } from "./run-id.js";
import { RunStatusBadge } from "./run-status-badge.js";
import "../settings/settings.css";
import "./evaluations.css";

/** Evaluations: datasets (upload, browse cases), a new run, and the recent runs. */
export default function EvaluationsScreen() {
  const client = useClient();
  const datasets = useRequest(
    (signal) => client.listDatasets({ limit: 100 }, { signal }),
    [client],
  );
  const runs = useRequest((signal) => client.listEvalRuns({ limit: 20 }, { signal }), [client]);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <section className="evaluations" aria-labelledby="evaluations-title">
      <header className="screen-header">
        <h1 id="evaluations-title">Evaluations</h1>
        <p className="count">
          Run prompt versions × models over a dataset and see which cases pass.
        </p>
      </header>
      <div className="evaluations-layout">
        <section className="settings-section" aria-labelledby="datasets-title">
          <h2 id="datasets-title">Datasets</h2>
          <DatasetUpload
            onUploaded={(name) => {
              datasets.reload();
              setOpen(name);
            }}
          />
          {datasets.status === "failed" ? (
            <ErrorMessage
              error={datasets.error}
              context="Loading the datasets"
              onRetry={datasets.reload}
            />
          ) : datasets.value === undefined ? (
            <Loading what="the datasets" />
          ) : datasets.value.items.length === 0 ? (
            <p className="hint">
              No datasets yet. Upload a CSV (one column per variable, <code>__expected</code> for
              checks) or JSONL (<code>{'{"vars": {…}, "assert": […]}'}</code> a line).
            </p>
          ) : (
            <ul className="dataset-list">
              {datasets.value.items.map((dataset) => (
                <li key={dataset.name}>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === dataset.name}
                    onClick={() => setOpen(open === dataset.name ? null : dataset.name)}
                  >
                    {dataset.name}
                  </button>{" "}
                  <span className="hint">
                    {dataset.caseCount} cases · updated <RelativeTime iso={dataset.updatedAt} />
                  </span>
                  {open === dataset.name ? <DatasetCases name={dataset.name} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="settings-section" aria-labelledby="new-run-title">
          <h2 id="new-run-title">New run</h2>
          <NewRunForm datasets={datasets.value?.items ?? []} />
        </section>
      </div>
      <section className="settings-section" aria-labelledby="runs-title">
        <h2 id="runs-title">Recent runs</h2>
        {runs.status === "failed" ? (
          <ErrorMessage error={runs.error} context="Loading the runs" onRetry={runs.reload} />
        ) : runs.value === undefined ? (
          <Loading what="the runs" />
        ) : runs.value.items.length === 0 ? (
          <p className="hint">No runs yet. Start one above.</p>
        ) : (
          <table className="settings-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Prompts × models</th>
                <th scope="col">Dataset</th>
                <th scope="col">Passed</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {runs.value.items.map((run) => (
                <tr key={run.id}>
                  <td>
                    <Link href={routes.evalRun(run.id)}>
                      <code title={run.id}>{shortRunId(run.id)}</code>
                    </Link>
                  </td>
                  <td>
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td>
                    {run.plan.prompts.map((prompt) => prompt.id).join(", ")} ×{" "}
                    {run.plan.models.join(", ")}
                  </td>
                  <td>{run.plan.dataset}</td>
                  <td>
                    {run.progress.passed}/{run.progress.total}
                  </td>
                  <td>
                    <RelativeTime iso={run.createdAt} /> by {run.createdBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="settings-section" aria-labelledby="compare-title">
        <h2 id="compare-title">Compare two runs</h2>
        <CompareRuns runs={runs.value?.items ?? []} />
      </section>
    </section>
  );
}
