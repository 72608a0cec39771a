import { modelFormats, type PromptContent } from "@quire/core";
import { useMemo, useState } from "react";
import { messageText, type PreviewFormat, renderPreview } from "./render-preview.js";
import { previewModels, TokenCount } from "./token-count.js";

const formatLabels: Record<PreviewFormat, string> = {
  rendered: "Rendered",
  "openai-chat": "OpenAI chat",
  "anthropic-messages": "Anthropic Messages",
  "gemini-contents": "Gemini contents",
  chatml: "ChatML",
  llama3: "Llama 3",
};

/** The draft rendered live in the browser, in a chosen provider format, with its token count. */
export function PreviewPane({
  content,
  variables,
}: {
  content: PromptContent;
  variables: Record<string, unknown>;
}) {
  const [format, setFormat] = useState<PreviewFormat>("rendered");
  const [model, setModel] = useState(previewModels[0] ?? "gpt-4o");
  const preview = useMemo(
    () => renderPreview(content, variables, format),
    [content, variables, format],
  );
  return (
    <section className="preview" aria-labelledby="preview-title">
      <div className="preview-header">
        <h2 id="preview-title">Preview</h2>
        <label htmlFor="preview-format">Format</label>
        <select
          id="preview-format"
          value={format}
          onChange={(event) => setFormat(event.target.value as PreviewFormat)}
        >
          {(["rendered", ...modelFormats] as PreviewFormat[]).map((option) => (
            <option key={option} value={option}>
              {formatLabels[option]}
            </option>
          ))}
        </select>
        <label htmlFor="preview-model">Model</label>
        <select id="preview-model" value={model} onChange={(event) => setModel(event.target.value)}>
          {previewModels.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        {preview.kind === "error" ? null : (
          <TokenCount model={model} text={preview.text} messages={preview.messages} />
        )}
      </div>
      <div className="preview-body" data-testid="preview" aria-live="polite">
        {preview.kind === "error" ? (
          <div className="preview-error" role="status">
            <strong>Cannot render yet</strong>
            <p>{preview.message}</p>
            {preview.problems.length > 1 ? (
              <ul>
                {preview.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : format !== "rendered" ? (
          <pre className="preview-json">{JSON.stringify(preview.formatted, null, 2)}</pre>
        ) : preview.kind === "text" ? (
          <pre className="preview-text">{preview.text}</pre>
        ) : (
          <ol className="preview-messages">
            {preview.messages.map((message, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
              <li key={index} className={`message message-${message.role}`}>
                <span className="message-role">{message.role}</span>
                <pre>{messageText(message)}</pre>
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
