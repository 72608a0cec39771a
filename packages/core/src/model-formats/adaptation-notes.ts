import { type ModelFormat, modelFormatFacts } from "./model-format-facts.js";

export const adaptationTopics = [
  "system-prompt",
  "turns",
  "tool-calls",
  "images",
  "names",
] as const;
export type AdaptationTopic = (typeof adaptationTopics)[number];

/** One difference (or sameness) between two formats, in words a UI or API can show. */
export interface AdaptationNote {
  topic: AdaptationTopic;
  /** How the source format does it. */
  from: string;
  /** How the target format does it. */
  to: string;
  /** True when a prompt written for the source needs a change (made by the adapter or by hand). */
  changes: boolean;
  /** What moving the prompt means for this topic. */
  note: string;
}

function turnsOf(format: ModelFormat): string {
  const facts = modelFormatFacts[format];
  const alternate = facts.alternatingTurns
    ? "user and assistant turns alternate (consecutive same-role turns merged)"
    : "any order of turns";
  return facts.startsWithUser ? `${alternate}; the first turn is a user turn` : alternate;
}

function supported(value: string | null): string {
  return value ?? "not supported";
}

function carryNote(what: string, from: string | null, to: string | null): string {
  if (to === null) {
    return from === null
      ? `Neither format carries ${what}.`
      : `The target has no place for ${what}: remove them or conversion is refused.`;
  }
  return from === to ? `Written the same way.` : `Converted by the adapter: ${to}.`;
}

/**
 * Notes for adapting a prompt written for one model format to another: where the system prompt
 * goes, turn order, tool calls, images and names. Derived from the facts the adapters enforce.
 */
export function adaptationNotes(from: ModelFormat, to: ModelFormat): AdaptationNote[] {
  const source = modelFormatFacts[from];
  const target = modelFormatFacts[to];
  const names = (value: boolean) => (value ? "messages can carry a name" : "no message names");
  const turnsFrom = turnsOf(from);
  const turnsTo = turnsOf(to);
  return [
    {
      topic: "system-prompt",
      from: source.systemPrompt,
      to: target.systemPrompt,
      changes: source.systemPrompt !== target.systemPrompt,
      note:
        source.systemPrompt === target.systemPrompt
          ? "Written the same way."
          : `The adapter moves the system prompt to ${target.systemPrompt}.`,
    },
    {
      topic: "turns",
      from: turnsFrom,
      to: turnsTo,
      changes: turnsFrom !== turnsTo,
      note: target.startsWithUser
        ? "Consecutive turns of one role are merged; a conversation that does not start with a user turn is refused."
        : target.alternatingTurns
          ? "Consecutive turns of one role are merged into one."
          : "Turns are kept as they are.",
    },
    {
      topic: "tool-calls",
      from: supported(source.toolCalls),
      to: supported(target.toolCalls),
      changes: source.toolCalls !== target.toolCalls,
      note: carryNote("tool calls and results", source.toolCalls, target.toolCalls),
    },
    {
      topic: "images",
      from: supported(source.images),
      to: supported(target.images),
      changes: source.images !== target.images,
      note: carryNote("images", source.images, target.images),
    },
    {
      topic: "names",
      from: names(source.names),
      to: names(target.names),
      changes: source.names !== target.names,
      note: target.names
        ? "Names are kept."
        : "The target has no message names: remove them or conversion is refused.",
    },
  ];
}
