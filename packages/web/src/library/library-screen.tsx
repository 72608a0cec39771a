import type { QuireClient } from "@quire/client";
import { useMemo, useState } from "react";
import { Link, useSearch } from "wouter";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { LabelBadges } from "../components/label-badges.js";
import { Loading } from "../components/loading.js";
import { RelativeTime } from "../components/relative-time.js";
import { VirtualList } from "../components/virtual-list.js";
import { routes } from "../routes.js";
import { type FolderEntry, folderEntries, folderTrail } from "./folder-entries.js";
import { LatestAuthor } from "./latest-author.js";
import { useDebounced } from "./use-debounced.js";
import { usePromptList } from "./use-prompt-list.js";

const rowHeight = 60;

/** The library: prompts as folders by path; with a search, every match under the folder. */
export function LibraryScreen() {
  const client = useClient();
  const parameters = new URLSearchParams(useSearch());
  const folder = normalizedFolder(parameters.get("folder") ?? "");
  // One request per pause in typing, not per key.
  const search = useDebounced((parameters.get("q") ?? "").trim(), 200);
  const [retry, setRetry] = useState(0);
  const list = usePromptList(client, folder, search, retry);
  const entries = useMemo<FolderEntry[]>(
    () =>
      search === ""
        ? folderEntries(list.items, folder)
        : list.items.map((prompt) => ({ kind: "prompt", prompt })),
    [list.items, folder, search],
  );

  return (
    <section className="library" aria-labelledby="library-title">
      <header className="screen-header">
        <nav aria-label="Folder" className="breadcrumb">
          <h1 id="library-title">
            {folderTrail(folder).map(([path, name], index, trail) => (
              <span key={path}>
                {index === trail.length - 1 ? (
                  <span aria-current="page">{name}</span>
                ) : (
                  <Link href={routes.folder(path)}>{name}</Link>
                )}
                {index < trail.length - 1 ? <span className="separator"> / </span> : null}
              </span>
            ))}
          </h1>
        </nav>
        <p className="count" aria-live="polite" data-testid="prompt-count">
          {search === "" ? "" : `Matching “${search}”: `}
          {list.items.length.toLocaleString()} prompt{list.items.length === 1 ? "" : "s"}
          {list.loading && list.items.length > 0 ? " (loading more…)" : ""}
        </p>
        <Link href={routes.newPrompt} className="button primary">
          New prompt
        </Link>
      </header>
      {list.error === undefined ? null : (
        <ErrorMessage
          error={list.error}
          context="Loading the prompts"
          onRetry={() => setRetry((value) => value + 1)}
        />
      )}
      {list.loading && list.items.length === 0 ? <Loading what="prompts" /> : null}
      {!list.loading && list.error === undefined && entries.length === 0 ? (
        <EmptyLibrary search={search} folder={folder} />
      ) : null}
      {entries.length > 0 ? (
        <VirtualList
          label={search === "" ? "Folders and prompts" : "Search results"}
          items={entries}
          rowHeight={rowHeight}
          height="calc(100vh - 150px)"
          keyOf={(entry) => (entry.kind === "folder" ? `folder:${entry.path}` : entry.prompt.name)}
          renderRow={(entry) => (
            <LibraryRow entry={entry} showPath={search !== ""} client={client} />
          )}
        />
      ) : null}
    </section>
  );
}

function LibraryRow({
  entry,
  showPath,
  client,
}: {
  entry: FolderEntry;
  showPath: boolean;
  client: QuireClient;
}) {
  if (entry.kind === "folder") {
    return (
      <Link href={routes.folder(entry.path)} className="library-row folder-row">
        <span className="row-icon" aria-hidden="true">
          ▸
        </span>
        <span className="row-name">{entry.name}/</span>
        <span className="row-meta">
          {entry.count.toLocaleString()} prompt{entry.count === 1 ? "" : "s"}
        </span>
      </Link>
    );
  }
  const { prompt } = entry;
  const shownName = showPath ? prompt.name : (prompt.name.split("/").pop() ?? prompt.name);
  return (
    <Link
      href={routes.editor(prompt.name)}
      className="library-row prompt-row"
      data-testid="prompt-row"
    >
      <span className="row-icon" aria-hidden="true">
        ≡
      </span>
      <span className="row-main">
        <span className="row-name">{shownName}</span>
        <span className="row-description">
          {prompt.description || `${prompt.type} prompt · ${prompt.engine}`}
        </span>
      </span>
      <span className="row-tags">
        {prompt.tags.slice(0, 4).map((tag) => (
          <span key={tag} className="tag">
            #{tag}
          </span>
        ))}
      </span>
      <LabelBadges labels={prompt.labels} />
      <span className="row-meta">
        v{prompt.latestVersion} · <RelativeTime iso={prompt.updatedAt} />
        <LatestAuthor client={client} name={prompt.name} version={prompt.latestVersion} />
      </span>
    </Link>
  );
}

function EmptyLibrary({ search, folder }: { search: string; folder: string }) {
  if (search !== "") {
    return (
      <div className="empty-state">
        <h2>No prompt matches “{search}”</h2>
        <p>
          Search looks in names, descriptions, tags and the text of each prompt's latest version.
          Try fewer letters, or clear the search box.
        </p>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>{folder === "" ? "No prompts yet" : `Nothing in ${folder}`}</h2>
      <p>
        Create one with <Link href={routes.newPrompt}>New prompt</Link>, or push a folder of
        <code> .prompt </code> files with <code>npx quire push</code>.
      </p>
    </div>
  );
}

function normalizedFolder(value: string): string {
  const trimmed = value.replace(/^\/+/, "");
  return trimmed === "" || trimmed.endsWith("/") ? trimmed : `${trimmed}/`;
}
