import type { EvalRun, EvalRunComparison } from "@quire/core";
import { useState } from "react";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { formatRate } from "./results-grid.js";
import { shortRunId } from "./run-id.js";

function runLabel(run: EvalRun): string {
  return `${shortRunId(run.id)} · ${run.plan.prompts.map((prompt) => prompt.id).join(", ")} × ${run.plan.models.join(", ")}`;
}

/** Two finished runs side by side: pass rates, the paired test, and which cases got better or worse. */
export function CompareRuns({ runs }: { runs: readonly EvalRun[] }) {
  const client = useClient();
  const finished = runs.filter((run) => run.status === "completed");
  const [baseline, setBaseline] = useState("");
  const [candidate, setCandidate] = useState("");
  const [comparison, setComparison] = useState<EvalRunComparison | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const baselineId = baseline || (finished[1]?.id ?? "");
  const candidateId = candidate || (finished[0]?.id ?? "");

  if (finished.length < 2) {
    return <p className="hint">Two completed runs are needed to compare; start another above.</p>;
  }
  const compare = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // Pairing by case and model compares two versions of a prompt on the same models.
      setComparison(
        await client.compareEvalRuns(baselineId, candidateId, { pairBy: "case-and-model" }),
      );
    } catch (caught) {
      setComparison(null);
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="compare-runs">
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void compare();
        }}
      >
        {(
          [
            ["compare-baseline", "Baseline", baselineId, setBaseline],
            ["compare-candidate", "Candidate", candidateId, setCandidate],
          ] as const
        ).map(([id, label, value, set]) => (
          <div className="field" key={id}>
            <label htmlFor={id}>{label}</label>
            <select id={id} value={value} onChange={(event) => set(event.target.value)}>
              {finished.map((run) => (
                <option key={run.id} value={run.id}>
                  {runLabel(run)}
                </option>
              ))}
            </select>
          </div>
        ))}
        <button type="submit" className="primary" disabled={busy || baselineId === candidateId}>
          Compare
        </button>
      </form>
      {error === undefined ? null : <ErrorMessage error={error} context="Comparing the runs" />}
      {comparison === null ? null : <ComparisonResult comparison={comparison} />}
    </div>
  );
}

function ComparisonResult({ comparison }: { comparison: EvalRunComparison }) {
  const { passRateTest } = comparison;
  return (
    <div className="comparison" data-testid="comparison">
      <p>
        Pass rate <strong>{formatRate(comparison.baselinePassRate)}</strong> →{" "}
        <strong>{formatRate(comparison.candidatePassRate)}</strong> over {comparison.paired} paired
        cells. {passRateTest.test}: p = {passRateTest.pValue.toPrecision(2)},{" "}
        {passRateTest.significant
          ? `a significant change at α = ${passRateTest.alpha}.`
          : `not significant at α = ${passRateTest.alpha}.`}
      </p>
      <div className="comparison-lists">
        {(
          [
            ["Improved", comparison.improved, "improved"],
            ["Regressed", comparison.regressed, "regressed"],
          ] as const
        ).map(([title, changes, kind]) => (
          <section key={kind} aria-label={`${title} cases`} className={`changes changes-${kind}`}>
            <h3>
              {title} ({changes.length})
            </h3>
            {changes.length === 0 ? (
              <p className="hint">None.</p>
            ) : (
              <ul>
                {changes.map((change) => (
                  <li key={`${change.caseId}-${change.modelId}-${change.promptId}`}>
                    <code>{change.caseId}</code> on <code>{change.modelId}</code>:{" "}
                    {change.baseline.status} → {change.candidate.status}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}
