import type { CreatedApiKeyResponse } from "@quire/core";
import { useRef, useState } from "react";

/** A new key's secret, shown this once, with a copy button and a way to put it away. */
export function CreatedKeyNotice({
  created,
  onDismiss,
}: {
  created: CreatedApiKeyResponse;
  onDismiss(): void;
}) {
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    field.current?.select();
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      // No clipboard permission (an insecure origin): the key is selected, Ctrl+C copies it.
      setCopied(false);
    }
  };
  return (
    <div className="created-key" role="status" aria-labelledby="created-key-title">
      <h3 id="created-key-title">Key “{created.name}” created</h3>
      <p>Copy it now: this is the only time Quire shows it.</p>
      <div className="created-key-row">
        <label htmlFor="created-key-value" className="visually-hidden">
          The new key
        </label>
        <input
          id="created-key-value"
          ref={field}
          readOnly
          value={created.key}
          spellCheck={false}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="link-button" onClick={onDismiss}>
          I have saved it
        </button>
      </div>
    </div>
  );
}
