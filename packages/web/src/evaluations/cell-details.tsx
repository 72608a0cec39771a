import type { GridCell } from "./results-grid.js";

interface AssertionShown {
  type: string;
  pass: boolean;
  reason: string;
}

function assertionOf(value: unknown): AssertionShown {
  const record = (typeof value === "object" && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  return {
    type: typeof record.type === "string" ? record.type : "check",
    pass: record.pass === true,
    reason: typeof record.reason === "string" ? record.reason : "",
  };
}

/** A cell's answers (one per repeat) with each assertion's verdict and reason. */
export function CellDetails({
  caseId,
  cell,
  onClose,
}: {
  caseId: string;
  cell: GridCell;
  onClose(): void;
}) {
  const first = cell.results[0];
  return (
    <aside className="cell-details" aria-label={`Case ${caseId}`}>
      <header>
        <h2>
          Case <code>{caseId}</code> on <code>{first?.modelId}</code>
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </header>
      {cell.results.map((result) => (
        <section key={result.repeatIndex} className={`cell-result result-border-${result.status}`}>
          <p className="hint">
            {cell.results.length > 1 ? `Repeat ${result.repeatIndex + 1} · ` : ""}
            {result.status} · score {result.score.toFixed(2)} · {Math.round(result.latencyMs)} ms ·{" "}
            {result.inputTokens} in / {result.outputTokens} out
            {result.cacheHit ? " · from the cache" : ""}
          </p>
          <pre className="cell-output">{result.output === "" ? "(no output)" : result.output}</pre>
          {result.error === undefined ? null : (
            <p className="field-error">
              {result.error.class}: {result.error.message}
            </p>
          )}
          {result.assertions.length === 0 ? (
            <p className="hint">No assertions: the case passes when the model answers.</p>
          ) : (
            <ul className="assertion-list">
              {result.assertions.map(assertionOf).map((assertion, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: assertions have no id; their order is fixed
                <li key={index} className={assertion.pass ? "assertion-pass" : "assertion-fail"}>
                  <strong>
                    {assertion.pass ? "✓" : "✗"} {assertion.type}
                  </strong>{" "}
                  {assertion.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </aside>
  );
}
