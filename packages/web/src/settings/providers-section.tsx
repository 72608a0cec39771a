import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";

/** The model providers the server was started with, and whether each one's key is set. */
export function ProvidersSection() {
  const client = useClient();
  const providers = useRequest((signal) => client.listProviders({ signal }), [client]);
  return (
    <section className="settings-section" id="providers" aria-labelledby="providers-title">
      <h2 id="providers-title">Model providers</h2>
      <p className="hint">
        From <code>[[providers]]</code> in quire.toml, read when the server starts. Keys stay in
        environment variables on the server: this page shows only whether each is set.
      </p>
      {providers.status === "failed" ? (
        <ErrorMessage
          error={providers.error}
          context="Loading the providers"
          onRetry={providers.reload}
        />
      ) : providers.value === undefined ? (
        <Loading what="the providers" />
      ) : providers.value.items.length === 0 ? (
        <p className="empty-note">
          No providers configured: prompts can be edited and rendered, but not run. Add one to
          quire.toml, e.g.{" "}
          <code>[[providers]] name = "openai" kind = "openai" models = ["gpt-4o-mini"]</code>, set
          its key variable, and restart <code>quire serve</code>.
        </p>
      ) : (
        <table className="settings-table">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Endpoint</th>
              <th scope="col">Models</th>
              <th scope="col">Key</th>
            </tr>
          </thead>
          <tbody>
            {providers.value.items.map((provider) => (
              <tr key={provider.name}>
                <td>
                  <strong>{provider.name}</strong>
                  <div className="hint">{provider.kind}</div>
                </td>
                <td>
                  <code>{provider.baseUrl}</code>
                </td>
                <td>
                  <ul className="model-list">
                    {[...provider.models, ...provider.embeddingModels].map((model) => (
                      <li key={model}>
                        <code>{model}</code>
                        {provider.embeddingModels.includes(model) ? " (embeddings)" : ""}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {provider.apiKeyEnv === null ? (
                    <span className="key-state none">No key needed</span>
                  ) : provider.apiKeySet ? (
                    <span className="key-state set">
                      Set in <code>{provider.apiKeyEnv}</code>
                    </span>
                  ) : (
                    <span className="key-state missing">
                      Missing: set <code>{provider.apiKeyEnv}</code> and restart
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
