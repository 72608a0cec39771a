import type { PromptChangedEvent } from "../prompt-store.js";

/** The NOTIFY channel that carries prompt changes between stores on one PostgreSQL database. */
export const promptChangedChannel = "quire_prompt_changed";

const kinds = new Set<string>([
  "prompt-created",
  "version-created",
  "label-moved",
  "prompt-updated",
]);

export function encodePromptChanged(event: PromptChangedEvent): string {
  return JSON.stringify(event);
}

/** Parses a NOTIFY payload; anything malformed (sent by something else) gives undefined. */
export function decodePromptChanged(payload: string | undefined): PromptChangedEvent | undefined {
  if (payload === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const candidate = parsed as Record<string, unknown>;
  if (typeof candidate.prompt !== "string" || typeof candidate.kind !== "string") return undefined;
  if (!kinds.has(candidate.kind)) return undefined;
  const event: PromptChangedEvent = {
    prompt: candidate.prompt,
    kind: candidate.kind as PromptChangedEvent["kind"],
  };
  if (typeof candidate.label === "string") event.label = candidate.label;
  if (typeof candidate.version === "number") event.version = candidate.version;
  return event;
}
