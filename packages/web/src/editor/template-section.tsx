import type { EngineName, MessageTemplate } from "@quire/core";
import { analyzeTemplate, type TemplateAnalysis } from "./analyze-template.js";
import { CodeEditor } from "./code-editor.js";

export interface TemplateSectionProps {
  template: string | MessageTemplate[];
  engine: EngineName;
  onChange(template: string | MessageTemplate[]): void;
  /** One analysis per editor: the whole template, or each message. */
  analyses: TemplateAnalysis[];
  onSave(): void;
}

const roles = ["system", "user", "assistant"];

/** One editor for a text template (or a Handlebars chat with role markers), one per message otherwise. */
export function TemplateSection({
  template,
  engine,
  onChange,
  analyses,
  onSave,
}: TemplateSectionProps) {
  if (typeof template === "string") {
    return (
      <CodeEditor
        label="Template"
        testId="template-editor"
        value={template}
        engine={engine}
        problems={analyses[0]?.problems ?? []}
        onChange={onChange}
        onSave={onSave}
        minHeight={360}
      />
    );
  }
  return (
    <div className="message-editors">
      {template.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: messages are positional
        <div key={index} className="message-editor">
          <div className="message-editor-bar">
            <label htmlFor={`message-role-${index}`}>Message {index + 1} role</label>
            <select
              id={`message-role-${index}`}
              value={message.role}
              onChange={(event) =>
                onChange(replaceAt(template, index, { ...message, role: event.target.value }))
              }
            >
              {(roles.includes(message.role) ? roles : [...roles, message.role]).map((role) => (
                <option key={role}>{role}</option>
              ))}
            </select>
            <button
              type="button"
              className="small"
              disabled={template.length === 1}
              onClick={() => onChange(template.filter((_, position) => position !== index))}
            >
              Remove message
            </button>
          </div>
          <CodeEditor
            label={`Message ${index + 1} (${message.role})`}
            testId={`message-editor-${index}`}
            value={message.content}
            engine={engine}
            problems={analyses[index]?.problems ?? []}
            onChange={(content) => onChange(replaceAt(template, index, { ...message, content }))}
            onSave={onSave}
            minHeight={100}
          />
        </div>
      ))}
      <button type="button" onClick={() => onChange([...template, { role: "user", content: "" }])}>
        Add message
      </button>
    </div>
  );
}

function replaceAt(
  template: MessageTemplate[],
  index: number,
  message: MessageTemplate,
): MessageTemplate[] {
  return template.map((old, position) => (position === index ? message : old));
}

/** Analyses of each editor's text. */
export function analyzeDraftTemplate(
  template: string | MessageTemplate[],
  engine: EngineName,
): TemplateAnalysis[] {
  return typeof template === "string"
    ? [analyzeTemplate(engine, template)]
    : template.map((message) => analyzeTemplate(engine, message.content));
}
