import { defaultModels, getTokenizer, type RenderedMessage, type Tokenizer } from "@quire/core";
import { useEffect, useState } from "react";

export const previewModels: readonly string[] = defaultModels
  .map((model) => model.name)
  .filter((name) => !name.startsWith("text-embedding"));

/**
 * Token count of the preview for a model. The encoders (o200k, cl100k: ~1–2 MB each) are
 * loaded on first use, as their own chunks, never with the first screen.
 */
export function TokenCount(props: {
  model: string;
  text: string | null;
  messages: RenderedMessage[] | null;
}) {
  const [tokenizer, setTokenizer] = useState<Tokenizer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setError(null);
    getTokenizer({ model: props.model }).then(
      (loaded) => {
        if (!cancelled) setTokenizer(loaded);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [props.model]);

  if (error !== null) return <span className="warning-text">Could not count tokens: {error}</span>;
  if (tokenizer === null || tokenizer.model !== props.model) {
    return <span className="hint">Counting tokens…</span>;
  }
  const tokens =
    props.messages !== null
      ? tokenizer.countMessages(
          props.messages.map((message) => ({ role: message.role, content: message.content })),
        )
      : tokenizer.count(props.text ?? "");
  return (
    <output className="token-count" data-testid="token-count">
      {tokenizer.estimated ? "≈ " : ""}
      {tokens.toLocaleString()} tokens
      <span className="hint">
        {" "}
        ({tokenizer.estimated ? `estimate from ${tokenizer.encoding}` : tokenizer.encoding})
      </span>
    </output>
  );
}
