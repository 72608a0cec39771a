import { describe, expect, it } from "vitest";
import type { PromptChangedEvent } from "../prompt-store.js";
import { decodePromptChanged, encodePromptChanged } from "./prompt-changed-payload.js";

describe("prompt-changed NOTIFY payloads", () => {
  it("round-trips every kind of change", () => {
    const events: PromptChangedEvent[] = [
      { prompt: "support/triage", kind: "prompt-created", version: 1 },
      { prompt: "a", kind: "version-created", version: 7 },
      { prompt: "a", kind: "label-moved", label: "production", version: 3 },
      { prompt: "a", kind: "prompt-updated" },
    ];
    for (const event of events)
      expect(decodePromptChanged(encodePromptChanged(event))).toEqual(event);
  });

  it("ignores payloads something else sent on the channel", () => {
    for (const payload of [
      undefined,
      "",
      "not json",
      "null",
      "[]",
      '{"prompt":1,"kind":"label-moved"}',
      '{"prompt":"a","kind":"resync"}',
    ]) {
      expect(decodePromptChanged(payload)).toBeUndefined();
    }
  });
});
