import type { CreateVersionResponse, LabelMove, Prompt, Version, VersionDiff } from "@quire/core";

export const samplePrompt: Prompt = {
  name: "support/triage",
  description: "Routes a ticket",
  tags: ["support"],
  type: "text",
  engine: "handlebars",
  latestVersion: 2,
  labels: { production: 1, staging: 2 },
  createdAt: "2026-11-21T10:00:00.000Z",
  updatedAt: "2026-11-21T11:00:00.000Z",
};

export const sampleVersion: Version = {
  prompt: "support/triage",
  number: 2,
  parentNumber: 1,
  type: "text",
  engine: "handlebars",
  template: "Hello {{name}}",
  inputSchema: null,
  outputSchema: null,
  config: {},
  metadata: {},
  contentHash: "abc123",
  message: "friendlier",
  author: "admin",
  createdAt: "2026-11-21T11:00:00.000Z",
  labels: ["staging"],
};

export const sampleCreated: CreateVersionResponse = {
  prompt: samplePrompt,
  version: sampleVersion,
  created: true,
};

export const sampleMove: LabelMove = {
  prompt: "support/triage",
  label: "production",
  fromVersion: 1,
  toVersion: 2,
  actor: "admin",
  reason: "",
  movedAt: "2026-11-21T12:00:00.000Z",
};

export const sampleDiff: VersionDiff = {
  prompt: "support/triage",
  from: 1,
  to: 2,
  template: {
    unified: "-Hi {{name}}\n+Hello {{name}}\n",
    lines: [
      { kind: "removed", text: "Hi {{name}}", fromLine: 1, toLine: null },
      { kind: "added", text: "Hello {{name}}", fromLine: null, toLine: 1 },
    ],
    added: 1,
    removed: 1,
  },
  fields: [],
};
