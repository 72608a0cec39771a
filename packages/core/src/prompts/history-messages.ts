import { QuireError } from "../errors/index.js";
import type { RenderedMessage } from "./prompt-content.js";

/**
 * The conversation history a Dotprompt-style chat template splices in (`{{history}}`), taken
 * from the `messages` variable: absent, or a list of `{role, content: [parts]}`.
 */
export function historyMessages(variables: Record<string, unknown>): RenderedMessage[] | undefined {
  const messages = variables.messages;
  if (messages === undefined || messages === null) return undefined;
  const valid =
    Array.isArray(messages) &&
    messages.every(
      (message) =>
        message !== null &&
        typeof message === "object" &&
        typeof (message as RenderedMessage).role === "string" &&
        Array.isArray((message as RenderedMessage).content),
    );
  if (!valid) {
    throw new QuireError(
      "VALIDATION_FAILED",
      'Variable "messages" (the conversation history) must be a list of {role, content: [{text}…]} messages',
      {
        details: {
          problems: [
            {
              path: "messages",
              keyword: "type",
              expected: "a list of {role, content} messages",
              message: 'Variable "messages" must be a list of {role, content} messages',
            },
          ],
        },
      },
    );
  }
  return messages as RenderedMessage[];
}
