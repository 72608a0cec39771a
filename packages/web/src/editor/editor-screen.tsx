import type { QuireClient } from "@quire/client";
import { type EngineName, engineNames, type GetPromptResponse, type PromptType } from "@quire/core";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { LabelBadges } from "../components/label-badges.js";
import { Loading } from "../components/loading.js";
import {
  forgetHandedDraft,
  handDraftToPlayground,
  takeHandedDraft,
} from "../playground/draft-handoff.js";
import { routes } from "../routes.js";
import { rememberAfterSave, takeAfterSave } from "./after-save.js";
import { mergeVariables } from "./analyze-template.js";
import { PreviewPane } from "./preview-pane.js";
import {
  contentOf,
  draftOf,
  newPromptDraft,
  type PromptDraft,
  parseInputSchema,
  sameDraft,
} from "./prompt-draft.js";
import { RunDraftButton, runDraftProblem, versionDraftOf } from "./run-draft.js";
import { SaveBar } from "./save-bar.js";
import { SchemaForm } from "./schema-form.js";
import { schemaFromVariables } from "./schema-from-variables.js";
import { analyzeDraftTemplate, TemplateSection } from "./template-section.js";
import { unsavedQuestion, useUnsavedGuard } from "./use-unsaved-guard.js";
import { VariableList } from "./variable-list.js";

/** The editor, code-split from the first screen: `/prompts/:name` (latest or ?version=N) and `/new`. */
export default function EditorScreen({ name }: { name: string | null }) {
  const client = useClient();
  const version = Number(new URLSearchParams(useSearch()).get("version") ?? "") || undefined;
  const loaded = useRequest(
    (signal) =>
      name === null
        ? Promise.resolve(null)
        : client.getPrompt(name, version === undefined ? { label: "latest" } : { version }, {
            signal,
          }),
    [client, name, version],
  );
  if (loaded.status === "failed") {
    return (
      <ErrorMessage
        error={loaded.error}
        context={`Opening ${name ?? "the prompt"}`}
        onRetry={loaded.reload}
      />
    );
  }
  if (loaded.status === "loading" && loaded.value === undefined)
    return <Loading what={name ?? "the editor"} />;
  const current = loaded.value ?? null;
  return (
    <Editor
      key={current === null ? "new" : `${current.prompt.name}@${current.version.number}`}
      client={client}
      loaded={current}
      onSaved={loaded.reload}
    />
  );
}

function Editor({
  client,
  loaded,
  onSaved,
}: {
  client: QuireClient;
  loaded: GetPromptResponse | null;
  onSaved(): void;
}) {
  const [, navigate] = useLocation();
  const original = useMemo(
    () => (loaded === null ? newPromptDraft : draftOf(loaded.version)),
    [loaded],
  );
  // Back from "Run draft in playground": the draft handed over comes back, still unsaved.
  const [returned] = useState(() =>
    loaded === null
      ? takeHandedDraft(null, null)
      : takeHandedDraft(loaded.prompt.name, loaded.version.number),
  );
  const [draft, setDraft] = useState<PromptDraft>(
    () => (returned?.editorState as PromptDraft | undefined) ?? original,
  );
  const [newName, setNewName] = useState(() => (loaded === null ? (returned?.prompt ?? "") : ""));
  const [carried] = useState(() => takeAfterSave(loaded?.prompt.name));
  const [inputs, setInputs] = useState<Record<string, unknown>>(
    carried?.inputs ?? returned?.inputs ?? {},
  );
  const dirty = loaded === null || !sameDraft(draft, original);
  useUnsavedGuard(loaded !== null && dirty);

  // Parsing runs on a deferred copy, so typing stays smooth on a long template.
  const deferredTemplate = useDeferredValue(draft.template);
  const analyses = useMemo(
    () => analyzeDraftTemplate(deferredTemplate, draft.engine),
    [deferredTemplate, draft.engine],
  );
  const lastVariables = useRef(mergeVariables(analyses.map((analysis) => analysis.variables)));
  const parses = analyses.every((analysis) => analysis.syntaxError === null);
  if (parses)
    lastVariables.current = mergeVariables(analyses.map((analysis) => analysis.variables));
  const variables = lastVariables.current;
  const schemaParse = parseInputSchema(draft.inputSchemaText);
  const formSchema = schemaParse.schema ?? schemaFromVariables(variables);
  const content = useMemo(
    () => contentOf({ ...draft, template: deferredTemplate }, schemaParse.schema),
    [draft, deferredTemplate, schemaParse.schema],
  );
  const injection = analyses.flatMap((analysis) => analysis.injection);
  const saveRequest = useRef<() => void>(() => {});

  useEffect(() => {
    document.title = `${loaded?.prompt.name ?? "New prompt"}${dirty ? " •" : ""} — Quire`;
  }, [loaded, dirty]);

  return (
    <div className="editor-screen">
      <header className="screen-header editor-header">
        {loaded === null ? (
          <div className="field-inline">
            <label htmlFor="new-prompt-name">Name</label>
            <input
              id="new-prompt-name"
              placeholder="folder/prompt-name"
              value={newName}
              onChange={(event) => setNewName(event.target.value)}
            />
            <RunDraftButton
              problem={runDraftProblem({
                parses,
                schemaError: schemaParse.error,
                newName,
                template: draft.template,
              })}
              onRun={() => {
                const name = newName.trim();
                handDraftToPlayground({
                  prompt: name,
                  basedOn: null,
                  draft: versionDraftOf(draft, schemaParse.schema),
                  editorState: draft,
                  inputs,
                });
                navigate(routes.playgroundDraft(name));
              }}
            />
          </div>
        ) : (
          <>
            <h1 className="prompt-title">
              <Link href={routes.folder(folderOf(loaded.prompt.name))}>
                {folderOf(loaded.prompt.name)}
              </Link>
              {baseOf(loaded.prompt.name)}
            </h1>
            <span className="version-chip field-inline" data-testid="editing-version">
              <label htmlFor="editing-from">editing from</label>
              <select
                id="editing-from"
                value={loaded.version.number}
                onChange={(event) => {
                  const chosen = Number(event.target.value);
                  if (dirty && !window.confirm(unsavedQuestion)) return;
                  navigate(
                    chosen === loaded.prompt.latestVersion
                      ? routes.editor(loaded.prompt.name)
                      : `${routes.editor(loaded.prompt.name)}?version=${chosen}`,
                  );
                }}
              >
                {Array.from(
                  { length: loaded.prompt.latestVersion },
                  (_, index) => loaded.prompt.latestVersion - index,
                ).map((number) => (
                  <option key={number} value={number}>
                    v{number}
                    {number === loaded.prompt.latestVersion ? " (latest)" : ""}
                    {Object.entries(loaded.prompt.labels)
                      .filter(([, target]) => target === number)
                      .map(([label]) => ` · ${label}`)
                      .join("")}
                  </option>
                ))}
              </select>
            </span>
            <LabelBadges labels={loaded.prompt.labels} />
            <Link href={routes.history(loaded.prompt.name)} className="button">
              History
            </Link>
            {dirty ? (
              <RunDraftButton
                problem={runDraftProblem({ parses, schemaError: schemaParse.error })}
                onRun={() => {
                  handDraftToPlayground({
                    prompt: loaded.prompt.name,
                    basedOn: loaded.version.number,
                    draft: versionDraftOf(draft, schemaParse.schema),
                    editorState: draft,
                    inputs,
                  });
                  // A navigation of the app's own: the unsaved guard does not ask, the draft goes along.
                  navigate(routes.playgroundDraft(loaded.prompt.name));
                }}
              />
            ) : (
              <Link
                href={routes.playgroundFor(loaded.prompt.name, loaded.version.number)}
                className="button"
              >
                Run in playground
              </Link>
            )}
          </>
        )}
        <div className="field-inline">
          <label htmlFor="prompt-engine">Engine</label>
          <select
            id="prompt-engine"
            value={draft.engine}
            onChange={(event) => setDraft({ ...draft, engine: event.target.value as EngineName })}
          >
            {engineNames.map((engine) => (
              <option key={engine}>{engine}</option>
            ))}
          </select>
        </div>
        <div className="field-inline">
          <label htmlFor="prompt-type">Type</label>
          <select
            id="prompt-type"
            value={draft.type}
            onChange={(event) => setDraft({ ...draft, type: event.target.value as PromptType })}
          >
            <option value="text">text</option>
            <option value="chat">chat</option>
          </select>
        </div>
      </header>
      <div className="editor-columns">
        <div className="editor-main">
          <TemplateSection
            template={draft.template}
            engine={draft.engine}
            analyses={analyses}
            onChange={(template) => setDraft((previous) => ({ ...previous, template }))}
            onSave={() => saveRequest.current()}
          />
          {analyses.map((analysis, index) =>
            analysis.syntaxError === null ? null : (
              <p
                // biome-ignore lint/suspicious/noArrayIndexKey: one error per message, by position
                key={`syntax-${index}`}
                className="syntax-error"
                role="alert"
                data-testid="syntax-error"
              >
                {analyses.length > 1 ? `Message ${index + 1}: ` : ""}
                {analysis.syntaxError}
              </p>
            ),
          )}
          {injection.length === 0 ? null : (
            <div className="injection-warning" role="status" data-testid="injection-warning">
              <strong>Possible prompt injection in the template</strong>
              <ul>
                {injection.slice(0, 5).map((reason) => (
                  <li key={`${reason.rule}-${reason.start}`}>
                    {reason.category}: “{reason.evidence}”
                  </li>
                ))}
              </ul>
            </div>
          )}
          <details className="schema-editor" open={draft.inputSchemaText !== ""}>
            <summary>
              Input schema (JSON Schema)
              {draft.inputSchemaText === "" ? " — none, the form follows the variables" : ""}
            </summary>
            <label htmlFor="input-schema" className="visually-hidden">
              Input schema as JSON
            </label>
            <textarea
              id="input-schema"
              className="mono"
              rows={8}
              value={draft.inputSchemaText}
              aria-invalid={schemaParse.error !== null}
              placeholder='{"type": "object", "properties": {"question": {"type": "string"}}, "required": ["question"]}'
              onChange={(event) => setDraft({ ...draft, inputSchemaText: event.target.value })}
            />
            {schemaParse.error === null ? null : (
              <p className="field-error" role="alert">
                {schemaParse.error}
              </p>
            )}
            <button
              type="button"
              className="small"
              onClick={() =>
                setDraft({
                  ...draft,
                  inputSchemaText: JSON.stringify(schemaFromVariables(variables), null, 2),
                })
              }
            >
              Fill from the variables
            </button>
          </details>
          <SaveBar
            client={client}
            loaded={loaded}
            draft={draft}
            newName={newName}
            dirty={dirty}
            canSave={parses && schemaParse.error === null}
            registerSave={(save) => {
              saveRequest.current = save;
            }}
            initialNotice={carried?.notice ?? null}
            onSaved={(savedName, created, notice) => {
              rememberAfterSave({ name: savedName, notice, inputs });
              forgetHandedDraft(savedName);
              if (loaded === null || savedName !== loaded.prompt.name || created) {
                navigate(routes.editor(savedName));
              }
              onSaved();
            }}
          />
        </div>
        <aside className="editor-side" aria-label="Variables and preview">
          <VariableList variables={variables} schema={schemaParse.schema} stale={!parses} />
          <section className="inputs" aria-labelledby="inputs-title">
            <h2 id="inputs-title">Inputs</h2>
            <SchemaForm schema={formSchema} value={inputs} onChange={setInputs} />
          </section>
          <PreviewPane content={content} variables={inputs} />
        </aside>
      </div>
    </div>
  );
}

function folderOf(name: string): string {
  const slash = name.lastIndexOf("/");
  return slash < 0 ? "" : name.slice(0, slash + 1);
}

function baseOf(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}
