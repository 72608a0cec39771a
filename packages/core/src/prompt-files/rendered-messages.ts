import type { RenderedMessage, RenderedPart } from "../prompts/prompt-content.js";

/**
 * The marker strings Dotprompt's helpers print into rendered text. A marker is the prefix plus
 * its argument plus `>>>`, e.g. `<<<dotprompt:role:system>>>` or
 * `<<<dotprompt:media:url https://… image/png>>>`.
 */
export const markerPrefixes = {
  role: "<<<dotprompt:role:",
  history: "<<<dotprompt:history",
  media: "<<<dotprompt:media:",
  section: "<<<dotprompt:section",
} as const;

/** Role markers (lowercase role names only, as in Dotprompt) and the history marker. */
const roleOrHistoryMarker = /(<<<dotprompt:(?:role:[a-z]+|history))>>>/g;
/** Media and section markers, which become parts inside a message. */
const mediaOrSectionMarker = /(<<<dotprompt:(?:media:url|section).*?)>>>/g;

/** Splits on a marker pattern (keeping the marker text) and drops whitespace-only pieces. */
function nonBlankPieces(text: string, marker: RegExp): string[] {
  return text.split(marker).filter((piece) => piece.trim() !== "");
}

type MessageDraft =
  | { kind: "rendered"; role: string; source: string }
  | { kind: "history"; message: RenderedMessage };

/**
 * Splits the text a Dotprompt-style Handlebars template rendered (with role, history, media and
 * section markers) into messages, exactly as the dotprompt package does:
 * - text before any role marker belongs to a `user` message;
 * - a role marker starts a new message, or renames the current one while it holds only
 *   whitespace;
 * - `{{history}}` inserts the history messages (tagged `metadata.purpose: "history"`) and opens a
 *   `model` message; without the marker, history goes before the last message when that message
 *   is the user's, else at the end;
 * - whitespace-only text is dropped, other text is kept untrimmed; messages left empty vanish.
 */
export function toRenderedMessages(
  renderedText: string,
  history?: RenderedMessage[],
): RenderedMessage[] {
  let current: MessageDraft & { kind: "rendered" } = { kind: "rendered", role: "user", source: "" };
  const drafts: MessageDraft[] = [current];

  for (const piece of nonBlankPieces(renderedText, roleOrHistoryMarker)) {
    if (piece.startsWith(markerPrefixes.role)) {
      const role = piece.slice(markerPrefixes.role.length);
      if (current.source.trim() !== "") {
        current = { kind: "rendered", role, source: "" };
        drafts.push(current);
      } else {
        current.role = role;
      }
    } else if (piece.startsWith(markerPrefixes.history)) {
      for (const message of history ?? []) {
        drafts.push({
          kind: "history",
          message: { ...message, metadata: { ...message.metadata, purpose: "history" } },
        });
      }
      current = { kind: "rendered", role: "model", source: "" };
      drafts.push(current);
    } else {
      current.source += piece;
    }
  }

  const messages: RenderedMessage[] = [];
  for (const draft of drafts) {
    if (draft.kind === "history") {
      // A history message without content is dropped, as Dotprompt does.
      if (!draft.message.content) continue;
      const { role, content, metadata } = draft.message;
      messages.push(metadata === undefined ? { role, content } : { role, content, metadata });
    } else if (draft.source !== "") {
      messages.push({ role: draft.role, content: toRenderedParts(draft.source) });
    }
  }
  return insertHistory(messages, history);
}

/** Where history goes when the template has no `{{history}}` marker. */
function insertHistory(messages: RenderedMessage[], history: RenderedMessage[] | undefined) {
  const given = history ?? [];
  if (messages.some((message) => message.metadata?.purpose === "history")) return messages;
  if (messages.length === 0) return given;
  const last = messages[messages.length - 1];
  if (last?.role === "user") return [...messages.slice(0, -1), ...given, last];
  return [...messages, ...given];
}

/** Splits one message's text into text, media and pending section parts. */
export function toRenderedParts(source: string): RenderedPart[] {
  return nonBlankPieces(source, mediaOrSectionMarker).map(toRenderedPart);
}

function toRenderedPart(piece: string): RenderedPart {
  if (piece.startsWith(markerPrefixes.media)) {
    const [, url, contentType] = piece.split(" ");
    const media: { url: string; contentType?: string } = {} as { url: string };
    if (url !== undefined) media.url = url;
    if (contentType) media.contentType = contentType;
    return { media };
  }
  if (piece.startsWith(markerPrefixes.section)) {
    const [, purpose] = piece.split(" ");
    return { metadata: purpose === undefined ? { pending: true } : { purpose, pending: true } };
  }
  return { text: piece };
}
