import { isQuireError } from "@quire/core";
import { useState } from "react";
import { useClient } from "../auth/session-context.js";
import { ErrorMessage } from "../components/error-message.js";

type Format = "csv" | "json" | "jsonl";

function formatOf(fileName: string): Format | undefined {
  const extension = fileName.toLowerCase().split(".").pop();
  return extension === "csv" || extension === "json" || extension === "jsonl"
    ? extension
    : undefined;
}

/** Upload a CSV, JSON or JSONL file as a new dataset (or more cases of an existing one). */
export function DatasetUpload({ onUploaded }: { onUploaded(name: string): void }) {
  const client = useClient();
  const [name, setName] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | null>(null);

  const upload = async () => {
    if (file === null) return;
    const format = formatOf(file.name);
    if (format === undefined) {
      setError(new Error(`“${file.name}” is not a .csv, .json or .jsonl file.`));
      return;
    }
    setBusy(true);
    setError(undefined);
    setDone(null);
    const datasetName = name.trim();
    try {
      try {
        await client.createDataset({ name: datasetName });
      } catch (caught) {
        // An existing dataset gets the file's cases added.
        if (!isQuireError(caught) || caught.code !== "CONFLICT") throw caught;
      }
      const imported = await client.importDataset(datasetName, await file.text(), format);
      setDone(
        `Imported ${imported.imported} cases into ${imported.dataset} (${imported.caseCount} in all).`,
      );
      onUploaded(datasetName);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <div className="field">
          <label htmlFor="dataset-name">Dataset name</label>
          <input
            id="dataset-name"
            required
            placeholder="support/smoke"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="dataset-file">File (CSV, JSON or JSONL)</label>
          <input
            id="dataset-file"
            type="file"
            accept=".csv,.json,.jsonl"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button
          type="submit"
          className="primary"
          disabled={busy || file === null || name.trim() === ""}
        >
          {busy ? "Uploading…" : "Upload"}
        </button>
      </form>
      {done === null ? null : (
        <p className="success" role="status">
          {done}
        </p>
      )}
      {error === undefined ? null : <ErrorMessage error={error} context="Uploading the dataset" />}
    </>
  );
}
