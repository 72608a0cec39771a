import {
  assertLabelName,
  assertPromptName,
  engineNames,
  type PromptContent,
  promptTypes,
  QuireError,
} from "@quire/core";

/**
 * The store's own guard on what it writes. Requests are validated in full by the server's
 * schemas; these checks keep a caller that skipped them from storing what readers cannot parse.
 */
export function checkPromptName(name: string): void {
  assertPromptName(name);
}

/** Checks each label and drops repeats, keeping the first order. */
export function checkLabels(labels: readonly string[]): string[] {
  for (const label of labels) assertLabelName(label);
  return [...new Set(labels)];
}

export function checkVersionNumber(version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw invalid("version", `Invalid version ${version}: versions are whole numbers from 1.`, {
      version,
    });
  }
}

export function checkContent(content: PromptContent, contentHash: string): void {
  if (!(promptTypes as readonly string[]).includes(content.type)) {
    throw invalid(
      "type",
      `Invalid prompt type ${JSON.stringify(content.type)}: use one of ${promptTypes.join(", ")}.`,
      {
        type: content.type,
      },
    );
  }
  if (!(engineNames as readonly string[]).includes(content.engine)) {
    throw invalid(
      "engine",
      `Invalid template engine ${JSON.stringify(content.engine)}: use one of ${engineNames.join(", ")}.`,
      { engine: content.engine },
    );
  }
  const template: unknown = content.template;
  const isMessageList =
    Array.isArray(template) &&
    template.length > 0 &&
    template.every(
      (message: unknown) =>
        message !== null &&
        typeof message === "object" &&
        typeof (message as Record<string, unknown>).role === "string" &&
        typeof (message as Record<string, unknown>).content === "string",
    );
  if (typeof template !== "string" && !isMessageList) {
    throw invalid(
      "template",
      "Invalid template: give a string, or a non-empty list of {role, content} messages.",
      {},
    );
  }
  if (contentHash.length === 0) {
    throw invalid(
      "contentHash",
      "The content hash is empty: hash the canonical JSON of the content.",
      {},
    );
  }
}

export function checkTags(tags: readonly string[] | undefined): void {
  if (tags === undefined) return;
  for (const tag of tags) {
    if (typeof tag !== "string" || tag.length === 0) {
      throw invalid("tags", `Invalid tag ${JSON.stringify(tag)}: tags are non-empty strings.`, {
        tag,
      });
    }
  }
}

export function checkActor(actor: string, field: string): void {
  if (actor.trim().length === 0) {
    throw invalid(field, `The ${field} is empty: say who makes this change.`, {});
  }
}

function invalid(field: string, message: string, details: Record<string, unknown>): QuireError {
  return new QuireError("VALIDATION_FAILED", message, { details: { field, ...details } });
}
