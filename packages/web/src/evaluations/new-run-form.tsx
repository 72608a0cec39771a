import type { Dataset } from "@quire/core";
import { useState } from "react";
import { useLocation } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { routes } from "../routes.js";

/** Start an eval run: prompts (with a label or version), models, a dataset, an optional check. */
export function NewRunForm({ datasets }: { datasets: readonly Dataset[] }) {
  const client = useClient();
  const [, navigate] = useLocation();
  const providers = useRequest((signal) => client.listProviders({ signal }), [client]);
  const models = (providers.value?.items ?? []).flatMap((provider) => provider.models);
  const [prompts, setPrompts] = useState("");
  const [chosenModels, setChosenModels] = useState<string[]>([]);
  const [dataset, setDataset] = useState("");
  const [contains, setContains] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const datasetName = dataset === "" ? (datasets[0]?.name ?? "") : dataset;

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await client.startEvalRun({
        prompts: prompts
          .split(/[\n,]/)
          .map((reference) => reference.trim())
          .filter((reference) => reference !== ""),
        models: chosenModels,
        dataset: datasetName,
        ...(contains.trim() === ""
          ? {}
          : { assertions: [{ type: "icontains", value: contains.trim() }] }),
      });
      navigate(routes.evalRun(run.id));
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  };

  return (
    <form
      className="new-run-form"
      aria-label="New eval run"
      onSubmit={(event) => {
        event.preventDefault();
        void start();
      }}
    >
      <div className="field">
        <label htmlFor="run-prompts">Prompts</label>
        <input
          id="run-prompts"
          required
          placeholder="support/reply@production, support/reply:2"
          aria-describedby="run-prompts-hint"
          value={prompts}
          onChange={(event) => setPrompts(event.target.value)}
        />
        <span className="field-hint" id="run-prompts-hint">
          name@label, name:version, or a name (its latest); separate with commas.
        </span>
      </div>
      <fieldset className="model-choices">
        <legend>Models</legend>
        {models.length === 0 ? (
          <p className="hint">No models configured: add [[providers]] to quire.toml.</p>
        ) : (
          models.map((model) => (
            <label key={model} className="checkbox">
              <input
                type="checkbox"
                checked={chosenModels.includes(model)}
                onChange={(event) =>
                  setChosenModels((current) =>
                    event.target.checked
                      ? [...current, model]
                      : current.filter((entry) => entry !== model),
                  )
                }
              />
              <code>{model}</code>
            </label>
          ))
        )}
      </fieldset>
      <div className="field">
        <label htmlFor="run-dataset">Dataset</label>
        <select
          id="run-dataset"
          value={datasetName}
          onChange={(event) => setDataset(event.target.value)}
        >
          {datasets.length === 0 ? <option value="">Upload a dataset first</option> : null}
          {datasets.map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name} ({entry.caseCount} cases)
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="run-contains">Every answer contains (optional)</label>
        <input
          id="run-contains"
          placeholder="e.g. thank"
          value={contains}
          onChange={(event) => setContains(event.target.value)}
        />
      </div>
      <button
        type="submit"
        className="primary"
        disabled={busy || prompts.trim() === "" || chosenModels.length === 0 || datasetName === ""}
      >
        {busy ? "Starting…" : "Start run"}
      </button>
      {error === undefined ? null : <ErrorMessage error={error} context="Starting the run" />}
    </form>
  );
}
