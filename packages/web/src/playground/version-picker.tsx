import type { Prompt, Version } from "@quire/core";

/** The choice of the draft in the version picker (the editor's unsaved content). */
export const draftChoice = "draft";

/**
 * Which version the playground runs: a saved one (with its labels and message), or, when the
 * editor handed one over, its unsaved draft.
 */
export function VersionPicker(props: {
  /** Null for a new prompt's draft: nothing saved, the draft is the only choice. */
  prompt: Prompt | null;
  versions: readonly Version[];
  /** A version number, or `draftChoice`. */
  value: number | typeof draftChoice;
  /** The version the draft was edited from (null: a new prompt); absent when there is no draft. */
  draftBasedOn?: number | null;
  onChange(choice: number | typeof draftChoice): void;
}) {
  const labelsOf = (number: number) =>
    Object.entries(props.prompt?.labels ?? {})
      .filter(([, labeled]) => labeled === number)
      .map(([label]) => label);
  const listed =
    props.value === draftChoice || props.versions.some((version) => version.number === props.value)
      ? props.versions
      : [...props.versions, { number: props.value, message: "" } as Version];
  return (
    <div className="field">
      <label htmlFor="playground-version">Version</label>
      <select
        id="playground-version"
        value={props.value}
        onChange={(event) =>
          props.onChange(
            event.target.value === draftChoice ? draftChoice : Number(event.target.value),
          )
        }
      >
        {props.draftBasedOn === undefined ? null : (
          <option value={draftChoice}>
            {props.draftBasedOn === null
              ? "draft — not saved yet"
              : `draft — unsaved, edited from v${props.draftBasedOn}`}
          </option>
        )}
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
