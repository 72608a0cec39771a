import type { QuireClient } from "@quire/client";
import type { Version } from "@quire/core";
import { useEffect, useState } from "react";
import { Link } from "wouter";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { LabelBadges } from "../components/label-badges.js";
import { Loading } from "../components/loading.js";
import { RelativeTime } from "../components/relative-time.js";
import { routes } from "../routes.js";
import { DeployDialog } from "./deploy-dialog.js";
import { DiffView } from "./diff-view.js";
import { LabelHistory } from "./label-history.js";
import { UsedBy } from "./used-by.js";

/** Every version of a prompt newest first (up to 1,000 shown; the API pages through all). */
async function allVersions(
  client: QuireClient,
  name: string,
  signal: AbortSignal,
): Promise<Version[]> {
  const versions: Version[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listVersions(
      name,
      { limit: 200, ...(cursor === undefined ? {} : { cursor }) },
      { signal },
    );
    versions.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && versions.length < 1_000);
  return versions.sort((left, right) => right.number - left.number);
}

/** History: versions with message, author, time and labels; a diff of any two; deploy and roll back. */
export default function HistoryScreen({ name }: { name: string }) {
  const client = useClient();
  const [generation, setGeneration] = useState(0);
  const data = useRequest(
    async (signal) => {
      const [current, versions, moves] = await Promise.all([
        client.getPrompt(name, { label: "latest" }, { signal }),
        allVersions(client, name, signal),
        client.labelHistory(name, { limit: 50 }, { signal }),
      ]);
      return { prompt: current.prompt, versions, moves: moves.items };
    },
    [client, name, generation],
  );
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const [deploying, setDeploying] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const versions = data.value?.versions ?? [];
  const latest = versions[0]?.number ?? 1;
  const selected = pair ?? { from: Math.max(1, latest - 1), to: latest };

  useEffect(() => {
    // [ and ] step the right-hand version older/newer; with Shift, the left-hand one.
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target !== null && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (event.code !== "BracketLeft" && event.code !== "BracketRight") return;
      const step = event.code === "BracketLeft" ? -1 : 1;
      const clamp = (value: number) => Math.min(latest, Math.max(1, value));
      setPair((previous) => {
        const base = previous ?? selected;
        return event.shiftKey
          ? { ...base, from: clamp(base.from + step) }
          : { ...base, to: clamp(base.to + step) };
      });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [latest, selected]);

  const diff = useRequest(
    (signal) =>
      data.value === undefined
        ? Promise.resolve(null)
        : client.diff(name, selected.from, selected.to, { signal }),
    [client, name, selected.from, selected.to, data.value === undefined],
  );

  if (data.status === "failed" && data.value === undefined) {
    return (
      <ErrorMessage
        error={data.error}
        context={`Loading the history of ${name}`}
        onRetry={data.reload}
      />
    );
  }
  if (data.value === undefined) return <Loading what={`the history of ${name}`} />;
  const { prompt, moves } = data.value;

  return (
    <div className="history-screen">
      <header className="screen-header">
        <h1 className="prompt-title">{prompt.name} — history</h1>
        <LabelBadges labels={prompt.labels} />
        <Link href={routes.editor(prompt.name)} className="button">
          Edit latest
        </Link>
      </header>
      {notice === null ? null : (
        <p className="save-notice" role="status">
          {notice}
        </p>
      )}
      <div className="history-columns">
        <section aria-labelledby="versions-title" className="versions-panel">
          <h2 id="versions-title">Versions ({versions.length})</h2>
          <p className="hint">
            Pick two to compare (A and B). Keys: <kbd>[</kbd> <kbd>]</kbd> step B, with{" "}
            <kbd>Shift</kbd> step A.
          </p>
          <table className="versions-table" data-testid="versions-table">
            <thead>
              <tr>
                <th scope="col">A</th>
                <th scope="col">B</th>
                <th scope="col">Version</th>
                <th scope="col">Message</th>
                <th scope="col">Author</th>
                <th scope="col">When</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr
                  key={version.number}
                  className={version.number === selected.to ? "selected" : undefined}
                  data-version={version.number}
                >
                  <td>
                    <input
                      type="radio"
                      name="diff-from"
                      aria-label={`Compare from version ${version.number}`}
                      checked={selected.from === version.number}
                      onChange={() => setPair({ ...selected, from: version.number })}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="diff-to"
                      aria-label={`Compare to version ${version.number}`}
                      checked={selected.to === version.number}
                      onChange={() => setPair({ ...selected, to: version.number })}
                    />
                  </td>
                  <td>
                    <strong>v{version.number}</strong>{" "}
                    <LabelBadges
                      labels={Object.fromEntries(
                        version.labels.map((label) => [label, version.number]),
                      )}
                    />
                  </td>
                  <td className="version-message">
                    {version.message || <span className="hint">(no message)</span>}
                  </td>
                  <td>{version.author}</td>
                  <td>
                    <RelativeTime iso={version.createdAt} />
                  </td>
                  <td>
                    <div className="row-actions">
                      <Link
                        href={`${routes.editor(prompt.name)}?version=${version.number}`}
                        className="button small"
                      >
                        Open
                      </Link>
                      <Link
                        href={routes.playgroundFor(prompt.name, version.number)}
                        className="button small"
                        aria-label={`Run v${version.number} in the playground`}
                      >
                        Run
                      </Link>
                      <button
                        type="button"
                        className="small"
                        onClick={() => setDeploying(version.number)}
                      >
                        {prompt.labels.production !== undefined &&
                        version.number < prompt.labels.production
                          ? "Roll back…"
                          : "Deploy…"}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Label moves</h2>
          <LabelHistory moves={moves} />
          <h2 id="used-by-title">Used by</h2>
          <UsedBy client={client} name={prompt.name} />
        </section>
        <section aria-labelledby="diff-title" className="diff-panel">
          <h2 id="diff-title">
            Diff v{selected.from} → v{selected.to}
          </h2>
          {diff.status === "failed" ? (
            <ErrorMessage error={diff.error} context="Loading the diff" onRetry={diff.reload} />
          ) : diff.value === undefined || diff.value === null ? (
            <Loading what="the diff" />
          ) : (
            <DiffView diff={diff.value} />
          )}
        </section>
      </div>
      {deploying === null ? null : (
        <DeployDialog
          client={client}
          prompt={prompt}
          version={deploying}
          onClose={() => setDeploying(null)}
          onMoved={(outcome) => {
            setDeploying(null);
            if (outcome.status === "pending-approval") {
              const request = outcome.changeRequest;
              setNotice(
                `${request.label} still serves ${request.fromVersion === null ? "nothing" : `v${request.fromVersion}`}: this project needs a second publisher's approval, so change request #${request.id} (→ v${request.toVersion}) was opened for them.`,
              );
              return;
            }
            const move = outcome.move;
            setNotice(
              `${move.label} now serves v${move.toVersion}${move.fromVersion === null ? "" : ` (was v${move.fromVersion})`}.`,
            );
            setGeneration((value) => value + 1);
          }}
        />
      )}
    </div>
  );
}
