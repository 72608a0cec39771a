import { QuireError } from "../errors/index.js";
import { chatFraming, type Tokenizer, type TokenMessage } from "./tokenizer.js";

export interface TruncatedHistory<Message extends TokenMessage> {
  messages: Message[];
  /** How many messages were dropped (the oldest non-system ones). */
  dropped: number;
  /** Tokens the kept messages take, chat framing included. */
  tokens: number;
}

/**
 * Fits a chat into a token budget: keeps every system message, drops the oldest other messages
 * until the rest fits, and keeps the order of what is left. A chat that fits comes back unchanged.
 * Throws BAD_REQUEST when the system messages alone do not fit.
 */
export function truncateHistory<Message extends TokenMessage>(
  messages: readonly Message[],
  options: { budget: number; tokenizer: Tokenizer },
): TruncatedHistory<Message> {
  const { budget, tokenizer } = options;
  // Chat framing is per message, so a message's cost does not depend on the others.
  const costs = messages.map(
    (message) => tokenizer.countMessages([message]) - chatFraming.replyPriming,
  );
  let total = chatFraming.replyPriming + costs.reduce((sum, cost) => sum + cost, 0);
  if (total <= budget) return { messages: [...messages], dropped: 0, tokens: total };

  const keep = messages.map(() => true);
  for (let index = 0; index < messages.length && total > budget; index += 1) {
    if (messages[index]?.role === "system") continue;
    keep[index] = false;
    total -= costs[index] ?? 0;
  }
  if (total > budget) {
    throw new QuireError(
      "BAD_REQUEST",
      `The system messages alone take ${total} tokens for ${tokenizer.model}, more than the budget of ${budget}; shorten the system prompt or raise the budget.`,
      { details: { model: tokenizer.model, budget, systemTokens: total } },
    );
  }
  const kept = messages.filter((_, index) => keep[index]);
  return { messages: kept, dropped: messages.length - kept.length, tokens: total };
}
