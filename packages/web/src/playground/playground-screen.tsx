import {
  isQuireError,
  type JsonSchema,
  type ListProvidersResponse,
  type Prompt,
  type Version,
} from "@quire/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { SchemaForm } from "../editor/schema-form.js";
import { initialValue } from "../editor/schema-from-variables.js";
import { routes } from "../routes.js";
import { CasePicker } from "./case-picker.js";
import { type HandedDraft, handedDraftOf } from "./draft-handoff.js";
import { configuredModelOf, variablesSchemaOf } from "./playground-variables.js";
import { PromptPicker } from "./prompt-picker.js";
import { RunColumn } from "./run-column.js";
import { useColumnRuns } from "./use-column-runs.js";
import { draftChoice, VersionPicker } from "./version-picker.js";
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
 * The playground: a saved version of a prompt, or the editor's unsaved draft, run on one or more
 * models side by side, each answer streaming in with its tokens, latency and cost. Address:
 * /playground?prompt=…&version=… (or &draft=1: the draft the editor handed over in memory).
 */
export default function PlaygroundScreen() {
  const client = useClient();
  const [, navigate] = useLocation();
  const parameters = new URLSearchParams(useSearch());
  const name = parameters.get("prompt") ?? "";
  const versionParameter = Number(parameters.get("version") ?? "");
  const requestedVersion =
    Number.isInteger(versionParameter) && versionParameter > 0 ? versionParameter : undefined;
  const wantsDraft = parameters.has("draft");
  // Read once per prompt: the editor may take it back after this screen is gone.
  const handed = useMemo(() => (wantsDraft ? handedDraftOf(name) : null), [wantsDraft, name]);

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
  const notFound =
    selected.status === "failed" &&
    isQuireError(selected.error) &&
    selected.error.code === "NOT_FOUND";
  // A new prompt's draft: the prompt does not exist yet, the draft is all there is to run.
  const newDraft = notFound && handed !== null && handed.basedOn === null ? handed : null;
  // What runs: the handed draft (its omitted fields as the latest version has them), or a version.
  const running = useMemo(
    () =>
      newDraft !== null
        ? newPromptRunning(newDraft)
        : version === undefined || handed === null
          ? version
          : {
              ...version,
              template: handed.draft.template,
              engine: handed.draft.engine ?? version.engine,
              inputSchema:
                handed.draft.inputSchema === undefined
                  ? version.inputSchema
                  : handed.draft.inputSchema,
              config: handed.draft.config ?? version.config,
            },
    [version, handed, newDraft],
  );
  const schema = useMemo<JsonSchema | undefined>(
    () => (running === undefined ? undefined : variablesSchemaOf(running)),
    [running],
  );
  const [variables, setVariables] = useState<Record<string, unknown>>({});
  useEffect(() => {
    if (schema === undefined) return;
    const initial = (initialValue(schema) as Record<string, unknown>) ?? {};
    setVariables({ ...initial, ...(handed?.inputs ?? {}) });
  }, [schema, handed]);

  const [columns, setColumns] = useState<Column[]>([]);
  const defaultModel =
    (running === undefined ? undefined : configuredModelOf(running)) ?? models[0] ?? "";
  useEffect(() => {
    // The first column starts on the version's own model (or the first configured one).
    setColumns((current) =>
      current.length === 0 && defaultModel !== "" ? [newColumn(defaultModel)] : current,
    );
  }, [defaultModel]);

  const runs = useColumnRuns(client);
  const canRun =
    (version !== undefined || newDraft !== null) &&
    columns.length > 0 &&
    columns.every((column) => column.model !== "") &&
    !runs.running;
  const runAll = () => {
    if (!canRun) return;
    runs.start(name, columns, {
      ...(handed !== null
        ? { draft: handed.draft }
        : version === undefined
          ? {}
          : { version: version.number }),
      variables,
      cache: false,
    });
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

  const variablesFieldset = (
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
  );

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
          ) : newDraft !== null ? (
            <>
              <VersionPicker
                prompt={null}
                versions={[]}
                value={draftChoice}
                draftBasedOn={null}
                onChange={() => {}}
              />
              <p className="hint" data-testid="draft-notice">
                Running the editor's draft of a new prompt; nothing is saved.{" "}
                <Link href={routes.newPrompt}>Back to the draft in the editor</Link>
              </p>
              {variablesFieldset}
            </>
          ) : notFound ? (
            <div className="empty-state" role="status" data-testid="prompt-not-found">
              <p>
                There is no prompt named “{name}”
                {wantsDraft ? " (the editor's draft is gone: the page was reloaded)" : ""}.
              </p>
              <Link href={routes.newPrompt} className="button">
                Create a prompt
              </Link>
            </div>
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
                value={handed === null ? selected.value.version.number : draftChoice}
                {...(handedDraftOf(name) === null
                  ? {}
                  : { draftBasedOn: handedDraftOf(name)?.basedOn ?? null })}
                onChange={(choice) =>
                  choice === draftChoice
                    ? navigate(routes.playgroundDraft(name))
                    : choose(name, choice)
                }
              />
              {handed === null ? null : (
                <p className="hint" data-testid="draft-notice">
                  Running the editor's unsaved draft
                  {handed.basedOn === null ? "" : ` (edited from v${handed.basedOn})`}; nothing is
                  saved.{" "}
                  <Link
                    href={draftEditorAddress(
                      handed.prompt,
                      handed.basedOn,
                      selected.value.prompt.latestVersion,
                    )}
                  >
                    Back to the draft in the editor
                  </Link>
                </p>
              )}
              {wantsDraft && handed === null ? (
                <p className="hint" role="status">
                  The editor's draft is gone (the page was reloaded): running the saved versions.
                </p>
              ) : null}
              {variablesFieldset}
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
                  source={
                    handed !== null ? "draft" : version === undefined ? "" : `v${version.number}`
                  }
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

/** What a new prompt's draft runs as: its own fields, with the new-prompt defaults for the rest. */
function newPromptRunning(
  handed: HandedDraft,
): Pick<Version, "template" | "engine" | "inputSchema" | "config"> {
  return {
    template: handed.draft.template,
    engine: handed.draft.engine ?? "handlebars",
    inputSchema: handed.draft.inputSchema ?? null,
    config: handed.draft.config ?? {},
  };
}

/** The editor on the version the draft came from (it takes the draft back when it opens). */
function draftEditorAddress(prompt: string, basedOn: number | null, latest: number): string {
  if (basedOn === null) return routes.newPrompt;
  return basedOn === latest ? routes.editor(prompt) : `${routes.editor(prompt)}?version=${basedOn}`;
}
