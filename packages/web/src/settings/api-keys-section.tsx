import { type ApiKey, type CreatedApiKeyResponse, type Role, roles } from "@quire/core";
import { useState } from "react";
import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";
import { RelativeTime } from "../components/relative-time.js";
import { CreatedKeyNotice } from "./created-key-notice.js";

/** API keys: create one (its secret shown this once), see each key's use, revoke. */
export function ApiKeysSection() {
  const client = useClient();
  const keys = useRequest((signal) => client.listApiKeys({ signal }), [client]);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [created, setCreated] = useState<CreatedApiKeyResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ context: string; error: unknown } | null>(null);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setCreated(await client.createApiKey({ name: name.trim(), role }));
      setName("");
      keys.reload();
    } catch (caught) {
      setError({ context: "Creating the key", error: caught });
    } finally {
      setBusy(false);
    }
  };
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = async (key: ApiKey) => {
    setConfirming(null);
    setError(null);
    try {
      await client.revokeApiKey(key.id);
      keys.reload();
    } catch (caught) {
      setError({ context: `Revoking “${key.name}”`, error: caught });
    }
  };

  return (
    <section className="settings-section" id="api-keys" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title">API keys</h2>
      <p className="hint">
        Apps and CI use a key as <code>Authorization: Bearer …</code>. A key's secret is shown once,
        when it is made; Quire keeps only its hash.
      </p>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label htmlFor="key-name">Name</label>
          <input
            id="key-name"
            value={name}
            required
            maxLength={200}
            placeholder="What it is for, e.g. ci-deploy"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="key-role">Role</label>
          <select
            id="key-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          >
            {roles.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy || name.trim() === ""}>
          Create key
        </button>
      </form>
      {created === null ? null : (
        <CreatedKeyNotice created={created} onDismiss={() => setCreated(null)} />
      )}
      {error === null ? null : <ErrorMessage error={error.error} context={error.context} />}
      {keys.status === "failed" ? (
        <ErrorMessage error={keys.error} context="Loading the keys" onRetry={keys.reload} />
      ) : keys.value === undefined ? (
        <Loading what="the keys" />
      ) : keys.value.items.length === 0 ? (
        <p className="hint">No keys yet. Create one above for an app or for CI.</p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.value.items.map((key) => (
              <tr key={key.id} className={key.revokedAt === null ? undefined : "revoked"}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.role}</td>
                <td>
                  <RelativeTime iso={key.createdAt} />
                  {key.createdBy === null ? "" : ` by ${key.createdBy}`}
                </td>
                <td>{key.lastUsedAt === null ? "never" : <RelativeTime iso={key.lastUsedAt} />}</td>
                <td className="actions">
                  {key.revokedAt !== null ? null : confirming === key.id ? (
                    <span className="confirm">
                      Apps using it stop at once.{" "}
                      <button type="button" className="danger" onClick={() => void revoke(key)}>
                        Revoke {key.name}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="danger-outline"
                      onClick={() => setConfirming(key.id)}
                      aria-label={`Revoke ${key.name}…`}
                    >
                      Revoke…
                    </button>
                  )}
                  {key.revokedAt === null ? null : (
                    <span className="status-revoked">
                      Revoked <RelativeTime iso={key.revokedAt} />
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
