import { useState } from "react";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";

/** Fills the variables from a dataset case: pick a dataset, then one of its first 100 cases. */
export function CasePicker({ onPick }: { onPick(variables: Record<string, unknown>): void }) {
  const client = useClient();
  const [dataset, setDataset] = useState("");
  const datasets = useRequest(
    (signal) => client.listDatasets({ limit: 100 }, { signal }),
    [client],
  );
  const cases = useRequest(
    (signal) =>
      dataset === ""
        ? Promise.resolve(null)
        : client.listCases(dataset, { limit: 100 }, { signal }),
    [client, dataset],
  );
  const names = datasets.value?.items.map((entry) => entry.name) ?? [];
  if (names.length === 0) return null;
  return (
    <div className="case-picker">
      <label htmlFor="playground-dataset">From a dataset</label>
      <select
        id="playground-dataset"
        value={dataset}
        onChange={(event) => setDataset(event.target.value)}
      >
        <option value="">Type the values below, or choose a dataset…</option>
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
      {dataset === "" || cases.value === undefined || cases.value === null ? null : (
        <>
          <label htmlFor="playground-case" className="visually-hidden">
            Case
          </label>
          <select
            id="playground-case"
            value=""
            onChange={(event) => {
              const picked = cases.value?.items.find((entry) => entry.id === event.target.value);
              if (picked !== undefined) onPick(picked.variables);
            }}
          >
            <option value="">Fill from case…</option>
            {cases.value.items.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.id}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
