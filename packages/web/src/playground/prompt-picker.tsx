import { useEffect, useState } from "react";
import { useClient } from "../auth/session-context.js";

/**
 * The prompt to run: a text field that suggests prompt names as you type (the server's search,
 * 20 at a time, so it stays quick with 10,000 prompts). Enter or picking a suggestion chooses it.
 */
export function PromptPicker({ value, onChoose }: { value: string; onChoose(name: string): void }) {
  const client = useClient();
  const [text, setText] = useState(value);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      client
        .listPrompts(
          { search: text.trim() === "" ? undefined : text.trim(), limit: 20 },
          { signal: controller.signal },
        )
        .then((page) => setSuggestions(page.items.map((prompt) => prompt.name)))
        .catch(() => undefined);
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, text]);

  const choose = () => {
    const name = text.trim();
    if (name !== "" && name !== value) onChoose(name);
  };
  return (
    <div className="field">
      <label htmlFor="playground-prompt">Prompt</label>
      <input
        id="playground-prompt"
        type="text"
        list="playground-prompt-names"
        autoComplete="off"
        placeholder="Type a prompt's name, e.g. support/reply"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          // Picking from the list fills the whole name: take it at once.
          if (suggestions.includes(event.target.value)) onChoose(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            event.preventDefault();
            choose();
          }
        }}
        onBlur={choose}
      />
      <datalist id="playground-prompt-names">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </div>
  );
}
