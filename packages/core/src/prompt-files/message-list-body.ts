import { QuireError } from "../errors/index.js";
import type { MessageTemplate } from "../prompts/prompt-content.js";

const rolePattern = /^[a-z]+$/;

/**
 * Writes a list of message templates as one Handlebars body with `{{role "…"}}` markers, so that
 * Dotprompt's splitting gives each message exactly its own rendered text:
 *
 *     {{role "system"~}}
 *     You are terse.
 *     {{~role "user"~}}
 *     {{question}}
 *
 * The `~` strips only the line breaks added here; next to content that starts or ends with
 * whitespace, the marker touches the content directly instead.
 * @throws QuireError("VALIDATION_FAILED") for a role that is not lowercase letters, which
 * Dotprompt's markers cannot carry.
 */
export function messagesToHandlebarsBody(messages: readonly MessageTemplate[]): string {
  let body = "";
  messages.forEach((message, index) => {
    if (!rolePattern.test(message.role)) {
      throw new QuireError(
        "VALIDATION_FAILED",
        `Message ${index + 1} has the role ${JSON.stringify(message.role)}; in a Handlebars .prompt body roles must be lowercase letters (system, user, model, assistant, tool).`,
        { details: { field: `template[${index}].role`, role: message.role } },
      );
    }
    const { content } = message;
    const previous = messages[index - 1]?.content;
    const stripBefore = previous !== undefined && previous === previous.trimEnd();
    const stripAfter = content === content.trimStart();
    body += `${stripBefore ? "\n{{~" : "{{"}role "${message.role}"${stripAfter ? "~}}\n" : "}}"}${content}`;
  });
  return body;
}
