import { useRequest } from "../api/use-request.js";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";
import { Loading } from "../components/loading.js";

/** The first cases of a dataset: id, variables, expected answer and assertions. */
export function DatasetCases({ name }: { name: string }) {
  const client = useClient();
  const cases = useRequest(
    (signal) => client.listCases(name, { limit: 50 }, { signal }),
    [client, name],
  );
  if (cases.status === "failed") {
    return (
      <ErrorMessage
        error={cases.error}
        context={`Loading the cases of ${name}`}
        onRetry={cases.reload}
      />
    );
  }
  if (cases.value === undefined) return <Loading what={`the cases of ${name}`} />;
  if (cases.value.items.length === 0) {
    return <p className="hint">{name} has no cases yet: upload a file to add some.</p>;
  }
  return (
    <table className="settings-table cases-table" aria-label={`Cases of ${name}`}>
      <thead>
        <tr>
          <th scope="col">Case</th>
          <th scope="col">Variables</th>
          <th scope="col">Expected</th>
          <th scope="col">Assertions</th>
        </tr>
      </thead>
      <tbody>
        {cases.value.items.map((testCase) => (
          <tr key={testCase.id}>
            <td>
              <code>{testCase.id}</code>
            </td>
            <td>
              <code className="json-cell">{JSON.stringify(testCase.variables)}</code>
            </td>
            <td>
              {testCase.expected === undefined ? (
                "—"
              ) : (
                <code className="json-cell">{JSON.stringify(testCase.expected)}</code>
              )}
            </td>
            <td>
              {(testCase.assertions ?? []).map((assertion) => assertion.type).join(", ") || "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
