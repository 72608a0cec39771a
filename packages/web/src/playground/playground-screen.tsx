import type { JsonSchema, ListProvidersResponse, Prompt, Version } from "@quire/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { useLocation, useSearch } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { SchemaForm } from "../editor/schema-form.js";
import { initialValue } from "../editor/schema-from-variables.js";
import { routes } from "../routes.js";
import { CasePicker } from "./case-picker.js";
import { configuredModelOf, variablesSchemaOf } from "./playground-variables.js";
import { PromptPicker } from "./prompt-picker.js";
import { RunColumn } from "./run-column.js";
import { useColumnRuns } from "./use-column-runs.js";
import "./playground.css";

interface Column {
  id: string;
  model: string;
}

let columnCounter = 0;
function newColumn(model: string): Column {
  columnCounter += 1;
  return { id: `column-${columnCounter}`, model };
}

/**
 * The playground: a saved version of a prompt, run on one or more models side by side, each
 * answer streaming in with its tokens, latency and cost. Address: /playground?prompt=…&version=…
 */
export default function PlaygroundScreen() {
  const client = useClient();
  const [, navigate] = useLocation();
  const parameters = new URLSearchParams(useSearch());
  const name = parameters.get("prompt") ?? "";
  const versionParameter = Number(parameters.get("version") ?? "");
  const requestedVersion =
    Number.isInteger(versionParameter) && versionParameter > 0 ? versionParameter : undefined;

  const providers = useRequest((signal) => client.listProviders({ signal }), [client]);
  const models = useMemo(() => allModels(providers.value), [providers.value]);

  const selected = useRequest<{ prompt: Prompt; version: Version; versions: Version[] } | null>(
    async (signal) => {
      if (name === "") return null;
      const [answer, page] = await Promise.all([
        client.getPrompt(
          name,
          requestedVersion === undefined ? {} : { version: requestedVersion },
          { signal },
        ),
        client.listVersions(name, { limit: 100 }, { signal }),
      ]);
      return { prompt: answer.prompt, version: answer.version, versions: page.items };
    },
    [client, name, requestedVersion],
  );
  const version = selected.status === "done" ? selected.value?.version : undefined;
  const schema = useMemo<JsonSchema | undefined>(
    () => (version === undefined ? undefined : variablesSchemaOf(version)),
    [version],
  );
  const [variables, setVariables] = useState<Record<string, unknown>>({});
  useEffect(() => {
    if (schema !== undefined) setVariables((initialValue(schema) as Record<string, unknown>) ?? {});
  }, [schema]);

  const [columns, setColumns] = useState<Column[]>([]);
  const defaultModel =
    (version === undefined ? undefined : configuredModelOf(version)) ?? models[0] ?? "";
  useEffect(() => {
    // The first column starts on the version's own model (or the first configured one).
    setColumns((current) =>
      current.length === 0 && defaultModel !== "" ? [newColumn(defaultModel)] : current,
    );
  }, [defaultModel]);

  const runs = useColumnRuns(client);
  const canRun =
    version !== undefined &&
    columns.length > 0 &&
    columns.every((column) => column.model !== "") &&
    !runs.running;
  const runAll = () => {
    if (!canRun || version === undefined) return;
    runs.start(version.prompt, columns, { version: version.number, variables, cache: false });
  };
  const runAllRef = useRef(runAll);
  runAllRef.current = runAll;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        runAllRef.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const choose = (promptName: string, versionNumber?: number) => {
    const query = new URLSearchParams({ prompt: promptName });
    if (versionNumber !== undefined) query.set("version", String(versionNumber));
    navigate(`${routes.playground}?${query.toString()}`);
  };

  return (
    <section className="playground" aria-labelledby="playground-title">
      <header className="screen-header">
        <h1 id="playground-title">Playground</h1>
        <p className="count">
          Run a version on several models side by side and compare the answers.
        </p>
      </header>
      <div className="playground-layout">
        <form
          className="playground-setup panel"
          aria-label="What to run"
          onSubmit={(event) => {
            event.preventDefault();
            runAll();
          }}
        >
          <PromptPicker value={name} onChoose={(promptName) => choose(promptName)} />
          {name === "" ? (
            <p className="hint">
              Choose a prompt to run. Its saved versions can be run on any configured model.
            </p>
          ) : selected.status === "failed" ? (
            <ErrorMessage
              error={selected.error}
              context={`Loading “${name}”`}
              onRetry={selected.reload}
            />
          ) : selected.value === undefined || selected.value === null ? (
            <Loading what={`“${name}”`} />
          ) : (
            <>
              <VersionPicker
                prompt={selected.value.prompt}
                versions={selected.value.versions}
                value={selected.value.version.number}
                onChange={(number) => choose(name, number)}
              />
              <fieldset className="playground-variables">
                <legend>Variables</legend>
                <CasePicker onPick={(picked) => setVariables({ ...variables, ...picked })} />
                {schema === undefined ? null : (
                  <SchemaForm
                    schema={schema}
                    value={variables}
                    onChange={setVariables}
                    idPrefix="playground"
                  />
                )}
              </fieldset>
            </>
          )}
          <div className="playground-actions">
            {runs.running ? (
              <button type="button" onClick={runs.stop}>
                Stop
              </button>
            ) : (
              <button type="submit" className="primary" disabled={!canRun}>
                Run {columns.length > 1 ? `on ${columns.length} models` : ""}
              </button>
            )}
            <span className="hint">Ctrl+Enter</span>
          </div>
        </form>
        <div className="playground-columns">
          {providers.status === "failed" ? (
            <ErrorMessage
              error={providers.error}
              context="Loading the configured models"
              onRetry={providers.reload}
            />
          ) : providers.status === "done" && models.length === 0 ? (
            <div className="empty-state panel">
              <h2>No models configured</h2>
              <p>
                Add a provider under <code>[[providers]]</code> in quire.toml and restart{" "}
                <code>quire serve</code>; its models then appear here. Settings lists what the
                server has.
              </p>
            </div>
          ) : (
            <>
              {columns.map((column, index) => (
                <RunColumn
                  key={column.id}
                  index={index}
                  model={column.model}
                  models={models}
                  run={runs.runs[column.id] ?? { status: "idle" }}
                  disabled={runs.running}
                  onModelChange={(model) =>
                    setColumns((current) =>
                      current.map((entry) =>
                        entry.id === column.id ? { ...entry, model } : entry,
                      ),
                    )
                  }
                  {...(columns.length > 1
                    ? {
                        onRemove: () =>
                          setColumns((current) =>
                            current.filter((entry) => entry.id !== column.id),
                          ),
                      }
                    : {})}
                />
              ))}
              <button
                type="button"
                className="add-column"
                disabled={runs.running || models.length === 0 || columns.length >= 4}
                onClick={() =>
                  setColumns((current) => [
                    ...current,
                    newColumn(
                      models.find((model) => !current.some((entry) => entry.model === model)) ??
                        models[0] ??
                        "",
                    ),
                  ])
                }
              >
                + Add a model
              </button>
            </>
          )}
        </div>
      </div>
    </section>
  );
}

function allModels(providers: ListProvidersResponse | undefined): string[] {
  return (providers?.items ?? []).flatMap((provider) => provider.models);
}

function VersionPicker(props: {
  prompt: Prompt;
  versions: readonly Version[];
  value: number;
  onChange(number: number): void;
}) {
  const labelsOf = (number: number) =>
    Object.entries(props.prompt.labels)
      .filter(([, labeled]) => labeled === number)
      .map(([label]) => label);
  const listed = props.versions.some((version) => version.number === props.value)
    ? props.versions
    : [...props.versions, { number: props.value, message: "" } as Version];
  return (
    <div className="field">
      <label htmlFor="playground-version">Version</label>
      <select
        id="playground-version"
        value={props.value}
        onChange={(event) => props.onChange(Number(event.target.value))}
      >
        {listed.map((version) => {
          const labels = labelsOf(version.number);
          return (
            <option key={version.number} value={version.number}>
              v{version.number}
              {labels.length > 0 ? ` (${labels.join(", ")})` : ""}
              {version.message === "" ? "" : ` — ${version.message}`}
            </option>
          );
        })}
      </select>
    </div>
  );
}
