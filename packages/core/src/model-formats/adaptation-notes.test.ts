import { describe, expect, it } from "vitest";
import { adaptationNotes, adaptationTopics } from "./adaptation-notes.js";
import { modelFormatFacts, modelFormats } from "./model-format-facts.js";

describe("adaptationNotes", () => {
  it("says where the system prompt goes and what changes from OpenAI to Anthropic", () => {
    const notes = adaptationNotes("openai-chat", "anthropic-messages");
    const byTopic = Object.fromEntries(notes.map((note) => [note.topic, note]));
    expect(byTopic["system-prompt"]?.to).toBe(modelFormatFacts["anthropic-messages"].systemPrompt);
    expect(byTopic["system-prompt"]?.changes).toBe(true);
    expect(byTopic.turns?.note).toContain("merged");
    expect(byTopic.names?.changes).toBe(true);
    expect(byTopic.images?.note).toContain("Converted by the adapter");
  });

  it("warns that a plain-text template has no place for images or tool calls", () => {
    const notes = adaptationNotes("gemini-contents", "chatml");
    const images = notes.find((note) => note.topic === "images");
    expect(images?.to).toBe("not supported");
    expect(images?.note).toContain("refused");
  });

  it("reports no change for every topic from a format to itself", () => {
    for (const format of modelFormats) {
      const notes = adaptationNotes(format, format);
      expect(notes.map((note) => note.topic)).toEqual([...adaptationTopics]);
      expect(notes.every((note) => !note.changes)).toBe(true);
    }
  });
});
