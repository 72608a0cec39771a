import type { VersionDiff } from "@quire/core";
import { type SideBySideCell, sideBySideRows } from "./side-by-side.js";

/** Two versions side by side: the template line by line, then every changed schema/config/metadata field. */
export function DiffView({ diff }: { diff: VersionDiff }) {
  const rows = sideBySideRows(diff.template.lines);
  const unchanged =
    diff.template.added === 0 && diff.template.removed === 0 && diff.fields.length === 0;
  return (
    <div className="diff-view" data-testid="diff-view">
      <p className="diff-summary">
        v{diff.from} → v{diff.to}:{" "}
        {unchanged ? (
          "no differences"
        ) : (
          <>
            <span className="diff-added-count">+{diff.template.added}</span>{" "}
            <span className="diff-removed-count">−{diff.template.removed}</span> template lines
            {diff.fields.length === 0
              ? ""
              : `, ${diff.fields.length} field change${diff.fields.length === 1 ? "" : "s"}`}
          </>
        )}
      </p>
      <table className="diff-table">
        <caption className="visually-hidden">
          Template of version {diff.from} (left) and version {diff.to} (right)
        </caption>
        <colgroup>
          <col className="diff-number-column" />
          <col />
          <col className="diff-number-column" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" colSpan={2}>
              v{diff.from}
            </th>
            <th scope="col" colSpan={2}>
              v{diff.to}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
            <tr key={index}>
              <Cell cell={row.left} />
              <Cell cell={row.right} />
            </tr>
          ))}
        </tbody>
      </table>
      {diff.fields.length === 0 ? null : (
        <table className="field-diff">
          <caption>Schema, config and metadata</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">v{diff.from}</th>
              <th scope="col">v{diff.to}</th>
            </tr>
          </thead>
          <tbody>
            {diff.fields.map((field) => (
              <tr key={field.path} className={`field-${field.kind}`}>
                <th scope="row">
                  <code>{field.path}</code> <span className="hint">{field.kind}</span>
                </th>
                <td className="diff-removed">
                  {field.kind === "added" ? "—" : <Json value={field.before} />}
                </td>
                <td className="diff-added">
                  {field.kind === "removed" ? "—" : <Json value={field.after} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Cell({ cell }: { cell: SideBySideCell | null }) {
  if (cell === null) {
    return (
      <>
        <td className="diff-line-number diff-empty" />
        <td className="diff-text diff-empty" />
      </>
    );
  }
  const marker = cell.kind === "added" ? "+" : cell.kind === "removed" ? "−" : " ";
  return (
    <>
      <td className="diff-line-number">{cell.line}</td>
      <td className={`diff-text diff-${cell.kind}`} data-kind={cell.kind}>
        <span className="diff-marker" aria-hidden="true">
          {marker}
        </span>
        {cell.kind === "unchanged" ? null : <span className="visually-hidden">{cell.kind}: </span>}
        {cell.text}
      </td>
    </>
  );
}

function Json({ value }: { value: unknown }) {
  return <code className="json-value">{value === undefined ? "—" : JSON.stringify(value)}</code>;
}
