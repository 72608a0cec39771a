import type { Prompt, Version } from "@quire/core";
import { contentOf } from "./version-content.js";

/**
 * Exactly the contract's fields of a prompt record, whatever else the store's record holds: the
 * hot read routes send these without a schema pass (see http/response-serializer.ts).
 */
export function promptShape(prompt: Prompt): Prompt {
  return {
    name: prompt.name,
    description: prompt.description,
    tags: prompt.tags,
    type: prompt.type,
    engine: prompt.engine,
    latestVersion: prompt.latestVersion,
    labels: prompt.labels,
    createdAt: prompt.createdAt,
    updatedAt: prompt.updatedAt,
  };
}

/** Exactly the contract's fields of a version, with the labels that point at it now. */
export function versionShape(version: Version, labels: string[]): Version {
  return {
    prompt: version.prompt,
    number: version.number,
    parentNumber: version.parentNumber,
    ...contentOf(version),
    contentHash: version.contentHash,
    message: version.message,
    author: version.author,
    createdAt: version.createdAt,
    labels,
  };
}

/** The labels of `prompt` that point at version `number`, sorted. */
export function labelsAt(prompt: Prompt, number: number): string[] {
  const labels: string[] = [];
  for (const label in prompt.labels) if (prompt.labels[label] === number) labels.push(label);
  return labels.sort();
}
