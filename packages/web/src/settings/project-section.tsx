import type { ProjectSettings } from "@quire/core";
import { useState } from "react";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";

/**
 * The project's settings: its protected labels and two-person rule (shown), and whether the
 * server's eval runs may run `javascript` assertions (admins switch it; off by default).
 */
export function ProjectSection({ admin }: { admin: boolean }) {
  const client = useClient();
  const loaded = useRequest((signal) => client.getSettings({ signal }), [client]);
  const [changed, setChanged] = useState<ProjectSettings | null>(null);
  // The value being saved, shown at once (a checkbox that lags its click reads as broken, and
  // Playwright's check()/uncheck() verify the state right after the click); back on failure.
  const [pending, setPending] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const settings = changed ?? loaded.value;

  const setJavaScriptAssertions = async (allowed: boolean) => {
    setPending(allowed);
    setError(undefined);
    try {
      setChanged(await client.updateSettings({ allowJavaScriptAssertions: allowed }));
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="settings-section" id="project" aria-labelledby="project-title">
      <h2 id="project-title">Project</h2>
      {loaded.status === "failed" && settings === undefined ? (
        <ErrorMessage
          error={loaded.error}
          context="Loading the project's settings"
          onRetry={loaded.reload}
        />
      ) : settings === undefined ? (
        <Loading what="the project's settings" />
      ) : (
        <>
          <dl className="project-settings">
            <dt>Protected labels</dt>
            <dd data-testid="protected-labels">
              {settings.protectedLabels.length === 0 ? "none" : settings.protectedLabels.join(", ")}{" "}
              <span className="hint">(moving them needs the publisher role)</span>
            </dd>
            <dt>Two-person rule</dt>
            <dd>
              {settings.twoPersonRule
                ? "on: a protected label moves after a second publisher approves"
                : "off"}
            </dd>
          </dl>
          <div className="setting-toggle">
            <input
              id="allow-javascript-assertions"
              type="checkbox"
              checked={pending ?? settings.allowJavaScriptAssertions}
              disabled={!admin || pending !== null}
              onChange={(event) => void setJavaScriptAssertions(event.target.checked)}
              aria-describedby="allow-javascript-assertions-hint"
            />
            <label htmlFor="allow-javascript-assertions">
              Allow JavaScript assertions in evaluations
            </label>
          </div>
          <p className="hint" id="allow-javascript-assertions-hint">
            When on, the server's eval runs run <code>javascript</code> assertions (code from the
            dataset or config, in a sandboxed worker with a time limit); when off they come back
            errored, saying so.
            {admin ? "" : " Only an admin can change it."}
          </p>
          {error === undefined ? null : (
            <ErrorMessage error={error} context="Changing the JavaScript assertions setting" />
          )}
        </>
      )}
    </section>
  );
}
